/** The designer's auto-layout: the graph ranked top to bottom by the shared dagre layout, in the size a step is drawn. */
import { autoLayout } from '../graph/auto-layout.ts';
import type { LinkEdge, StepNode } from './flow-model.ts';

export const STEP_SIZE = { width: 200, height: 64 };

export function layoutSteps(nodes: StepNode[], edges: LinkEdge[]): StepNode[] {
  const positions = autoLayout(
    nodes.map((node) => ({ id: node.id, width: node.measured?.width ?? STEP_SIZE.width, height: node.measured?.height ?? STEP_SIZE.height })),
    edges.map((edge) => ({ source: edge.source, target: edge.target })),
    { direction: 'TB', nodeGap: 60, rankGap: 70 },
  );
  return nodes.map((node) => ({ ...node, position: positions.get(node.id)! }));
}
