/** The designer's edits of a graph that need a rule: a new node's id, what a new edge says, which connections make sense. */
import type { WorkflowEdge, WorkflowEdgeOutcome, WorkflowNode, WorkflowNodeType } from '../../../metadata/src/types.ts';

/** The node types the palette adds (a workflow has its one start from the beginning). */
export const PALETTE_TYPES = ['approval', 'condition', 'parallel', 'join', 'action', 'end'] as const satisfies readonly WorkflowNodeType[];
export type PaletteType = (typeof PALETTE_TYPES)[number];

/** Decisions an approval's out-edges follow, in the order a new edge takes the first one still free. */
export const DECISIONS = ['approved', 'rejected', 'returned'] as const satisfies readonly WorkflowEdgeOutcome[];

/** `<type>_<n>` with the smallest n not taken: ids are names (they show in messages and in the runtime's rows). */
export function nextNodeId(type: WorkflowNodeType, taken: Iterable<string>): string {
  const ids = new Set(taken);
  let n = 1;
  while (ids.has(`${type}_${n}`)) n += 1;
  return `${type}_${n}`;
}

/** A new node as the palette adds it: an approval decided by any one approver (who is left for the designer to pick). */
export function newStep(type: PaletteType, taken: Iterable<string>): WorkflowNode {
  const id = nextNodeId(type, taken);
  return type === 'approval' ? { id, type, mode: 'any' } : { id, type };
}

/**
 * A new edge leaving `from`: an approval's next free decision; a condition's `otherwise` once it has another branch
 * and no fallback yet (a first branch waits for its `when`); a plain edge anywhere else.
 */
export function newLink(from: WorkflowNode, to: string, leaving: WorkflowEdge[]): WorkflowEdge {
  if (from.type === 'approval') {
    const used = new Set(leaving.map((e) => e.on ?? 'approved'));
    return { from: from.id, to, on: DECISIONS.find((d) => !used.has(d)) ?? 'approved' };
  }
  if (from.type === 'condition' && leaving.length > 0 && !leaving.some((e) => e.on === 'otherwise')) return { from: from.id, to, on: 'otherwise' };
  return { from: from.id, to };
}

/** No loop on one node, nothing into the start, nothing out of an end, and one edge per pair of nodes. */
export function canConnect(from: WorkflowNode, to: WorkflowNode, existing: WorkflowEdge[]): boolean {
  if (from.id === to.id || to.type === 'start' || from.type === 'end') return false;
  return !existing.some((e) => e.from === from.id && e.to === to.id);
}
