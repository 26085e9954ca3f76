/** What the designer saves: a new workflow's first document, and an edited workflow as its custom layer. */
import type { Label, WorkflowDoc } from '../../../metadata/src/types.ts';
import type { Draft } from '../api/meta.ts';

/** start → end, inactive until the implementer switches it on (an active one would take the object's submissions). */
export function newWorkflowDoc(name: string, label: Label, object: string): WorkflowDoc {
  return {
    kind: 'workflow', name, label, object, trigger: { on: 'submit' }, active: false,
    nodes: [{ id: 'start', type: 'start' }, { id: 'end', type: 'end' }],
    edges: [{ from: 'start', to: 'end' }],
    positions: { start: { x: 0, y: 0 }, end: { x: 0, y: 160 } },
  };
}

/**
 * The custom layer to deploy: what it already overrides, and every top-level property the designer changed from the
 * effective document (a workflow made in the studio is all custom, so all of it; a plugin's keeps the plugin's rest).
 */
export function workflowDraft(edited: WorkflowDoc, effective: WorkflowDoc, custom: Draft<'workflow'>): Draft<'workflow'> {
  const changed = Object.fromEntries(Object.entries(edited).filter(([key, value]) => !sameValue(value, effective[key as keyof WorkflowDoc])));
  return { ...custom, ...changed, kind: 'workflow', name: effective.name };
}

/** Deep equality of JSON values, whatever the order of their keys. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return false;
  const [x, y] = [a as Record<string, unknown>, b as Record<string, unknown>];
  const keys = Object.keys(x).filter((key) => x[key] !== undefined);
  return keys.length === Object.keys(y).filter((key) => y[key] !== undefined).length && keys.every((key) => sameValue(x[key], y[key]));
}
