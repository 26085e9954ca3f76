import { describe, expect, it } from 'vitest';
import { hospitalReviewWorkflow } from '../../../metadata/src/fixtures/workflow-examples.ts';
import { newWorkflowDoc, sameValue, workflowDraft } from './workflow-draft.ts';

describe('what the designer deploys', () => {
  it('starts a new workflow as an inactive start → end over its object', () => {
    const doc = newWorkflowDoc('hospital_intake', { 'zh-CN': '医院准入', en: 'Hospital intake' }, 'hospital');
    expect(doc).toMatchObject({ kind: 'workflow', object: 'hospital', trigger: { on: 'submit' }, active: false, edges: [{ from: 'start', to: 'end' }] });
    expect(doc.nodes.map((n) => n.type)).toEqual(['start', 'end']);
  });

  it('overrides only what changed over a plugin’s workflow, on top of what the custom layer already overrides', () => {
    const edited = { ...hospitalReviewWorkflow, active: false, positions: { start: { x: 0, y: 0 } } };
    expect(workflowDraft(edited, hospitalReviewWorkflow, { kind: 'workflow', name: 'hospital_review', taskTemplate: 'x' })).toEqual({
      kind: 'workflow', name: 'hospital_review', taskTemplate: 'x', active: false, positions: { start: { x: 0, y: 0 } },
    });
  });

  it('compares JSON values whatever the order of their keys', () => {
    expect(sameValue({ a: 1, b: [{ c: 2, d: 3 }] }, { b: [{ d: 3, c: 2 }], a: 1 })).toBe(true);
    expect(sameValue({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(sameValue({ a: [1, 2] }, { a: [2, 1] })).toBe(false);
    expect(sameValue({ a: {} }, { a: [] })).toBe(false);
    expect(sameValue(null, {})).toBe(false);
  });
});
