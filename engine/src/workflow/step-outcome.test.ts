import { describe, expect, it } from 'vitest';
import { stepOutcome, type TaskState, type TaskStatus } from './step-outcome.ts';

const approvers = (...statuses: TaskStatus[]): TaskState[] => statuses.map((status) => ({ kind: 'approver', status }));
const signer = (status: TaskStatus): TaskState => ({ kind: 'signer', status });

describe('stepOutcome', () => {
  it('or-sign: the first decision decides', () => {
    expect(stepOutcome('any', undefined, approvers('pending', 'pending'))).toBeUndefined();
    expect(stepOutcome('any', undefined, approvers('approved', 'pending'))).toBe('approved');
    expect(stepOutcome('any', undefined, approvers('rejected', 'pending'))).toBe('rejected');
  });

  it('countersign: everyone approves, one rejection rejects', () => {
    expect(stepOutcome('all', undefined, approvers('approved', 'pending'))).toBeUndefined();
    expect(stepOutcome('all', undefined, approvers('approved', 'approved'))).toBe('approved');
    expect(stepOutcome('all', undefined, approvers('approved', 'rejected', 'pending'))).toBe('rejected');
    expect(stepOutcome('sequential', undefined, approvers('approved', 'queued'))).toBeUndefined();
  });

  it('vote: approved at the threshold, rejected once the threshold is out of reach', () => {
    expect(stepOutcome('percentage', 50, approvers('approved', 'pending', 'pending', 'pending'))).toBeUndefined();
    expect(stepOutcome('percentage', 50, approvers('approved', 'approved', 'pending', 'pending'))).toBe('approved');
    expect(stepOutcome('percentage', 50, approvers('rejected', 'rejected', 'pending', 'pending'))).toBeUndefined();
    expect(stepOutcome('percentage', 50, approvers('rejected', 'rejected', 'rejected', 'pending'))).toBe('rejected');
    expect(stepOutcome('percentage', 66, approvers('approved', 'rejected', 'pending'))).toBeUndefined();
    expect(stepOutcome('percentage', 67, approvers('approved', 'rejected', 'pending'))).toBe('rejected');
    expect(stepOutcome('percentage', 66, approvers('approved', 'rejected', 'approved'))).toBe('approved');
  });

  it('a signer added before or after must approve too; its rejection rejects the step', () => {
    expect(stepOutcome('any', undefined, [...approvers('approved'), signer('pending')])).toBeUndefined();
    expect(stepOutcome('any', undefined, [...approvers('approved'), signer('approved')])).toBe('approved');
    expect(stepOutcome('any', undefined, [...approvers('queued'), signer('rejected')])).toBe('rejected');
  });

  it('cancelled tasks (reassigned away, or the step closed) do not count', () => {
    expect(stepOutcome('all', undefined, approvers('approved', 'cancelled'))).toBe('approved');
  });
});
