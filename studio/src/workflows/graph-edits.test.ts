import { describe, expect, it } from 'vitest';
import type { WorkflowNode } from '../../../metadata/src/types.ts';
import { canConnect, newLink, newStep, nextNodeId } from './graph-edits.ts';

const approval: WorkflowNode = { id: 'approval_1', type: 'approval', approvers: { role: 'finance' } };
const condition: WorkflowNode = { id: 'condition_1', type: 'condition' };

describe('graph edits', () => {
  it('names a new node after its type with the first free number', () => {
    expect(nextNodeId('approval', ['start', 'end'])).toBe('approval_1');
    expect(nextNodeId('approval', ['approval_1', 'approval_3'])).toBe('approval_2');
    expect(newStep('approval', [])).toEqual({ id: 'approval_1', type: 'approval', mode: 'any' });
    expect(newStep('end', ['end_1'])).toEqual({ id: 'end_2', type: 'end' });
  });

  it("gives an approval's next edge the next free decision", () => {
    expect(newLink(approval, 'end', []).on).toBe('approved');
    expect(newLink(approval, 'end', [{ from: 'approval_1', to: 'x' }]).on).toBe('rejected');
    expect(newLink(approval, 'end', [{ from: 'approval_1', to: 'x', on: 'approved' }, { from: 'approval_1', to: 'y', on: 'rejected' }]).on).toBe('returned');
  });

  it("leaves a condition's first branch to its when and makes the next one the fallback, once", () => {
    expect(newLink(condition, 'a', [])).toEqual({ from: 'condition_1', to: 'a' });
    const first = { from: 'condition_1', to: 'a', when: { '==': [1, 1] } };
    expect(newLink(condition, 'b', [first])).toEqual({ from: 'condition_1', to: 'b', on: 'otherwise' });
    expect(newLink(condition, 'c', [first, { from: 'condition_1', to: 'b', on: 'otherwise' }])).toEqual({ from: 'condition_1', to: 'c' });
    expect(newLink({ id: 'start', type: 'start' }, 'a', [])).toEqual({ from: 'start', to: 'a' });
  });

  it('refuses a loop on one node, an edge into the start or out of an end, and a second edge between the same nodes', () => {
    const start: WorkflowNode = { id: 'start', type: 'start' };
    const end: WorkflowNode = { id: 'end', type: 'end' };
    expect(canConnect(start, approval, [])).toBe(true);
    expect(canConnect(approval, approval, [])).toBe(false);
    expect(canConnect(approval, start, [])).toBe(false);
    expect(canConnect(end, approval, [])).toBe(false);
    expect(canConnect(start, approval, [{ from: 'start', to: 'approval_1' }])).toBe(false);
  });
});
