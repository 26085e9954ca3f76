/**
 * Whether an approval step is decided, from its tasks. Approvers count by the step's mode: `any` (or-sign: the first
 * decision decides), `all` and `sequential` (countersign: every approver approves, one rejection rejects),
 * `percentage` (approved once `threshold`% approve, rejected once that can no longer happen). Signers added before
 * or after someone must each approve, whatever the mode; a signer's rejection rejects the step.
 */
import type { ApprovalMode } from '../../../metadata/src/types.ts';

export type TaskStatus = 'pending' | 'queued' | 'approved' | 'rejected' | 'returned' | 'cancelled';
export type TaskKind = 'approver' | 'signer';

export interface TaskState {
  kind: TaskKind;
  status: TaskStatus;
}

export const OPEN_TASK: ReadonlySet<TaskStatus> = new Set(['pending', 'queued']);

export function stepOutcome(mode: ApprovalMode, threshold: number | undefined, tasks: readonly TaskState[]): 'approved' | 'rejected' | undefined {
  const signers = tasks.filter((t) => t.kind === 'signer' && t.status !== 'cancelled');
  if (signers.some((t) => t.status === 'rejected')) return 'rejected';
  const byMode = approversOutcome(mode, threshold ?? 100, tasks.filter((t) => t.kind === 'approver' && t.status !== 'cancelled'));
  if (byMode !== 'approved') return byMode;
  return signers.some((t) => OPEN_TASK.has(t.status)) ? undefined : 'approved';
}

function approversOutcome(mode: ApprovalMode, threshold: number, approvers: readonly TaskState[]): 'approved' | 'rejected' | undefined {
  const total = approvers.length;
  const approved = approvers.filter((t) => t.status === 'approved').length;
  const rejected = approvers.filter((t) => t.status === 'rejected').length;
  switch (mode) {
    case 'any':
      return rejected > 0 ? 'rejected' : approved > 0 ? 'approved' : undefined;
    case 'all':
    case 'sequential':
      return rejected > 0 ? 'rejected' : approved === total ? 'approved' : undefined;
    case 'percentage':
      if (approved * 100 >= threshold * total) return 'approved';
      return (total - rejected) * 100 < threshold * total ? 'rejected' : undefined;
  }
}
