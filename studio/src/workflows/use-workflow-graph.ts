/**
 * The designer's graph state and its edits: the workflow's properties, React Flow's nodes and edges, what is selected,
 * and every change the canvas, the palette and the side panel make. The document is `fromFlow` of this state.
 */
import { useMemo, useState } from 'react';
import { useEdgesState, useNodesState, type Connection, type Edge } from '@xyflow/react';
import type { WorkflowDoc, WorkflowEdge, WorkflowNode } from '../../../metadata/src/types.ts';
import type { Selection } from './designer-context.ts';
import { fromFlow, linkEdge, stepNode, toFlow, type LinkEdge, type StepNode } from './flow-model.ts';
import { canConnect, newLink, newStep, type PaletteType } from './graph-edits.ts';
import { layoutSteps } from './layout-steps.ts';

/** How far below the lowest node a clicked palette item lands. */
const NEXT_ROW = 110;

export function useWorkflowGraph(doc: WorkflowDoc) {
  const [initial] = useState(() => toFlow(doc));
  const [props, setProps] = useState(initial.props);
  const [nodes, setNodes, onNodesChange] = useNodesState<StepNode>(initial.placed ? initial.nodes : layoutSteps(initial.nodes, initial.edges));
  const [edges, setEdges, onEdgesChange] = useEdgesState<LinkEdge>(initial.edges);
  const [selection, setSelection] = useState<Selection>({});
  const edited = useMemo(() => fromFlow(props, nodes, edges), [props, nodes, edges]);
  const stepOf = (id: string | null | undefined) => nodes.find((n) => n.id === id)?.data.step;

  const select = (what: Selection) => {
    setSelection(what);
    setNodes((all) => all.map((n) => (n.selected === (n.id === what.node) ? n : { ...n, selected: n.id === what.node })));
    setEdges((all) => all.map((e) => (e.selected === (e.id === what.edge) ? e : { ...e, selected: e.id === what.edge })));
  };
  const addStep = (type: PaletteType, position?: { x: number; y: number }) => {
    const step = newStep(type, nodes.map((n) => n.id));
    const below = { x: nodes[0]?.position.x ?? 0, y: nodes.reduce((y, n) => Math.max(y, n.position.y), 0) + NEXT_ROW };
    setNodes((all) => [...all, stepNode(step, position ?? below)]);
    select({ node: step.id });
  };
  const connectable = (c: Connection | Edge) => {
    const [from, to] = [stepOf(c.source), stepOf(c.target)];
    return Boolean(from && to && canConnect(from, to, edges.map((e) => e.data!.link)));
  };
  const connect = (c: Connection) => {
    const from = stepOf(c.source);
    if (!from || !connectable(c)) return;
    const leaving = edges.filter((e) => e.source === from.id).map((e) => e.data!.link);
    setEdges((all) => [...all, linkEdge(newLink(from, c.target, leaving))]);
  };
  const changeStep = (id: string, step: WorkflowNode) => setNodes((all) => all.map((n) => (n.id === id ? { ...n, data: { step } } : n)));
  const changeLink = (id: string, link: WorkflowEdge) => setEdges((all) => all.map((e) => (e.id === id ? { ...e, data: { link } } : e)));
  const deleteStep = (id: string) => {
    setNodes((all) => all.filter((n) => n.id !== id));
    setEdges((all) => all.filter((e) => e.source !== id && e.target !== id));
    setSelection({});
  };
  const deleteLink = (id: string) => {
    setEdges((all) => all.filter((e) => e.id !== id));
    setSelection({});
  };
  const layOut = () => setNodes((all) => layoutSteps(all, edges));

  return {
    props, setProps, nodes, edges, onNodesChange, onEdgesChange, selection, setSelection, edited,
    select, addStep, connectable, connect, changeStep, changeLink, deleteStep, deleteLink, layOut,
  };
}

export type WorkflowGraph = ReturnType<typeof useWorkflowGraph>;
