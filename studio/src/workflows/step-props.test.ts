import { describe, expect, it } from 'vitest';
import type { WorkflowNode } from '../../../metadata/src/types.ts';
import { withProp } from './step-props.ts';

describe('withProp', () => {
  const step: WorkflowNode = { id: 'approval_1', type: 'approval', mode: 'percentage', threshold: 50 };

  it('sets a property without touching the rest', () => {
    expect(withProp(step, 'due', 'P2D')).toEqual({ ...step, due: 'P2D' });
    expect(step).not.toHaveProperty('due');
  });

  it('removes a property set to nothing, an empty text or an empty list', () => {
    expect(withProp(step, 'threshold', undefined)).toEqual({ id: 'approval_1', type: 'approval', mode: 'percentage' });
    expect(withProp(step, 'due', '')).not.toHaveProperty('due');
    expect(withProp({ ...step, editableFields: ['a'] }, 'editableFields', [])).not.toHaveProperty('editableFields');
  });
});
