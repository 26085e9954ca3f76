/**
 * A workflow document as React Flow draws it and back: each node a `step` node carrying the document's node, each edge a
 * `link` edge carrying the document's edge, the designer's positions on the nodes. Nodes and edges keep their order, so
 * a problem's `/nodes/3` or `/edges/2` is the fourth node or the third edge on the canvas.
 */
import type { Edge, Node } from '@xyflow/react';
import type { WorkflowDoc, WorkflowEdge, WorkflowNode } from '../../../metadata/src/types.ts';

export type StepNode = Node<{ step: WorkflowNode }, 'step'>;
export type LinkEdge = Edge<{ link: WorkflowEdge }, 'link'>;

/** Everything of a workflow but its graph and where the designer draws it. */
export type WorkflowProps = Omit<WorkflowDoc, 'nodes' | 'edges' | 'positions'>;

export interface Flow {
  props: WorkflowProps;
  nodes: StepNode[];
  edges: LinkEdge[];
  /** Every node has a stored position (else the designer lays the graph out on opening). */
  placed: boolean;
}

let edgeCount = 0;
/** Edge ids only tell React Flow's edges apart; the document's edges have none. */
export const newEdgeId = () => `link-${++edgeCount}`;

export const stepNode = (step: WorkflowNode, position = { x: 0, y: 0 }): StepNode =>
  ({ id: step.id, type: 'step', position, data: { step }, deletable: step.type !== 'start' });

export const linkEdge = (link: WorkflowEdge): LinkEdge =>
  ({ id: newEdgeId(), type: 'link', source: link.from, target: link.to, data: { link } });

export function toFlow(doc: WorkflowDoc): Flow {
  const { nodes, edges, positions, ...props } = doc;
  return {
    props,
    nodes: nodes.map((step) => stepNode(step, positions?.[step.id])),
    edges: edges.map(linkEdge),
    placed: nodes.every((step) => positions?.[step.id] !== undefined),
  };
}

export function fromFlow(props: WorkflowProps, nodes: StepNode[], edges: LinkEdge[]): WorkflowDoc {
  return {
    ...props,
    nodes: nodes.map((node) => ({ ...node.data.step, id: node.id })),
    edges: edges.map((edge) => ({ ...edge.data!.link, from: edge.source, to: edge.target })),
    positions: Object.fromEntries(nodes.map((node) => [node.id, { x: Math.round(node.position.x), y: Math.round(node.position.y) }])),
  };
}
