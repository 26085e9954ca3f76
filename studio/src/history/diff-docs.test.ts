import { describe, expect, it } from 'vitest';
import type { ObjectDoc, WorkflowDoc } from '../../../metadata/src/types.ts';
import { diffDocs } from './diff-docs.ts';

describe('diffDocs', () => {
  it('compares an object field by field and names added and removed fields', () => {
    const before: Partial<ObjectDoc> = { label: { 'zh-CN': '旧', en: 'Old' }, fields: [{ name: 'a', type: 'text', label: { 'zh-CN': 'A', en: 'A' } }, { name: 'gone', type: 'integer', label: { 'zh-CN': 'G', en: 'G' } }] };
    const after: Partial<ObjectDoc> = { label: { 'zh-CN': '新', en: 'New' }, fields: [{ name: 'a', type: 'text', label: { 'zh-CN': 'A', en: 'A' }, required: true }] };
    expect(diffDocs(before, after)).toEqual([
      { path: 'label', before: before.label, after: after.label },
      { path: 'fields.a.required', before: undefined, after: true },
      { path: 'fields.gone', before: before.fields![1], after: undefined },
    ]);
  });

  it('matches any list of named parts by name, such as a workflow’s nodes', () => {
    const nodes = [{ name: 'start', type: 'start', next: 'end' }, { name: 'end', type: 'end' }];
    const before = { nodes } as unknown as Partial<WorkflowDoc>;
    const after = { nodes: [{ ...nodes[0], next: 'review' }, nodes[1]] } as unknown as Partial<WorkflowDoc>;
    expect(diffDocs(before, after)).toEqual([{ path: 'nodes.start.next', before: 'end', after: 'review' }]);
  });

  it('shows a whole document as added when there was none', () => {
    expect(diffDocs(null, { kind: 'validationRule', name: 'r' })).toEqual([{ path: 'kind', after: 'validationRule' }, { path: 'name', after: 'r' }]);
  });
});
