/**
 * What a person does with an approval task, inside the transition's transaction: approve, reject, send back to an
 * earlier step (or to the submitter), add a signer before or after themselves, or hand the task to someone else.
 * Each is recorded as an event with its comment; a decision that settles the step moves the token on.
 */
import { v7 as uuidv7 } from 'uuid';
import type { Label } from '../../../metadata/src/types.ts';
import { QudaoError } from '../errors/catalog.ts';
import type { InstanceRun } from './instance-run.ts';
import { stepOutcome } from './step-outcome.ts';
import { insertTasks, type StepRow, type TaskRow } from './workflow-rows.ts';

export const DECISIONS = ['approve', 'reject', 'return', 'addSigner', 'reassign'] as const;

export type Decision =
  | { action: 'approve'; comment?: string }
  | { action: 'reject'; comment?: string }
  /** `to`: an approval step this instance already passed, or `start` (back to the submitter); absent: the `returned` edge, else the submitter. */
  | { action: 'return'; to?: string; comment?: string }
  | { action: 'addSigner'; user: DecisionUser; position: 'before' | 'after'; comment?: string }
  | { action: 'reassign'; user: DecisionUser; comment?: string };

export interface DecisionUser {
  id: string;
  username: string;
  displayName: string;
}

export async function applyDecision(run: InstanceRun, step: StepRow, task: TaskRow, decision: Decision, by: DecisionUser): Promise<void> {
  const comment = decision.comment ?? null;
  switch (decision.action) {
    case 'approve':
      await approve(run, step, task, by, comment);
      return settleStep(run, step);
    case 'reject':
      await close(run, task, 'rejected', by, comment);
      await run.event('rejected', { node: step.node, taskId: task.id, comment });
      return settleStep(run, step);
    case 'return':
      return sendBack(run, step, task, decision.to, by, comment);
    case 'addSigner':
      return addSigner(run, step, task, decision.user, decision.position, by, comment);
    case 'reassign':
      return reassign(run, step, task, decision.user, by, comment);
  }
}

/** Approves the task; whoever waited for it (one after another, or the approver a signer was added before) may decide now. */
async function approve(run: InstanceRun, step: StepRow, task: TaskRow, by: DecisionUser, comment: string | null): Promise<void> {
  await close(run, task, 'approved', by, comment);
  const next: { id: string }[] = await run.trx('qd_workflow_tasks').where({ after_task_id: task.id, status: 'queued' })
    .update({ status: 'pending', created_at: run.at }).returning('id');
  await run.event('approved', { node: step.node, taskId: task.id, comment });
  await run.announce(next.map((t) => t.id));
}

async function close(run: InstanceRun, task: TaskRow, status: 'approved' | 'rejected' | 'returned', by: DecisionUser, comment: string | null): Promise<void> {
  await run.trx('qd_workflow_tasks').where({ id: task.id }).update({ status, decided_at: run.at, decided_by: by.id, comment });
}

/** Moves the token on once the step's mode (and any added signers) decide it. */
async function settleStep(run: InstanceRun, step: StepRow): Promise<void> {
  const node = run.node(step.node);
  const tasks: Pick<TaskRow, 'kind' | 'status'>[] = await run.trx('qd_workflow_tasks').where({ step_id: step.id }).select('kind', 'status');
  const outcome = stepOutcome(node.mode ?? 'any', node.threshold, tasks);
  if (!outcome) return;
  await run.completeStep(step, outcome);
  await run.leave(step.node, outcome);
}

async function sendBack(run: InstanceRun, step: StepRow, task: TaskRow, to: string | undefined, by: DecisionUser, comment: string | null): Promise<void> {
  if (to !== undefined && to !== 'start') await assertReturnTarget(run, to);
  await close(run, task, 'returned', by, comment);
  await run.event('returned', { node: step.node, taskId: task.id, comment, details: { to: to ?? null } });
  await run.completeStep(step, 'returned');
  if (to === 'start') return run.finish('returned', { comment });
  if (to !== undefined) return run.moveTo(to, 'returned');
  await run.leave(step.node, 'returned');
}

/** Back to an approval step this instance already went through. */
async function assertReturnTarget(run: InstanceRun, to: string): Promise<void> {
  const passed: string[] = await run.trx('qd_workflow_steps').where({ instance_id: run.instance.id }).whereNot({ status: 'active' }).distinct().pluck('node');
  if (passed.includes(to)) return;
  const choices = ['start', ...passed].join(', ');
  throw new QudaoError('WORKFLOW_INVALID', [{ field: 'to', rule: 'not_a_passed_step', message: {
    'zh-CN': `只能退回到已经过的审批节点或发起人（${choices}），不能退回到 ${to}`,
    en: `you can send it back to a step it already passed or to the submitter (${choices}), not to ${to}`,
  } }]);
}

async function addSigner(
  run: InstanceRun, step: StepRow, task: TaskRow, user: DecisionUser, position: 'before' | 'after', by: DecisionUser, comment: string | null,
): Promise<void> {
  await assertNotInStep(run, step, user);
  const reason: Label = { 'zh-CN': `${by.displayName} 加签`, en: `signer added by ${by.displayName}` };
  const [signer] = await insertTasks(run.trx, step, [{ assigneeId: user.id, kind: 'signer', status: 'pending', reason }], run.at);
  if (position === 'before') {
    await run.trx('qd_workflow_tasks').where({ id: task.id }).update({ status: 'queued', after_task_id: signer.id });
  } else {
    // Whoever waited for this task (one after another) now waits for the signer.
    await run.trx('qd_workflow_tasks').where({ after_task_id: task.id, status: 'queued' }).update({ after_task_id: signer.id });
    await approve(run, step, task, by, comment);
  }
  await run.event('signer_added', { node: step.node, taskId: task.id, comment, details: { user: user.username, position } });
  await run.announce([signer.id]);
  if (position === 'after') await settleStep(run, step);
}

async function reassign(run: InstanceRun, step: StepRow, task: TaskRow, user: DecisionUser, by: DecisionUser, comment: string | null): Promise<void> {
  await assertNotInStep(run, step, user);
  const from = await run.trx('qd_users').where({ id: task.assignee_id }).first('username');
  await run.trx('qd_workflow_tasks').where({ id: task.id }).update({
    assignee_id: user.id,
    reason: JSON.stringify({ 'zh-CN': `${by.displayName} 转办`, en: `reassigned by ${by.displayName}` }),
  });
  await run.event('reassigned', { node: step.node, taskId: task.id, comment, details: { from: from.username, to: user.username } });
  await run.announce([task.id]);
}

async function assertNotInStep(run: InstanceRun, step: StepRow, user: DecisionUser): Promise<void> {
  const open = await run.trx('qd_workflow_tasks').where({ step_id: step.id, assignee_id: user.id }).whereIn('status', ['pending', 'queued']).first('id');
  if (!open) return;
  throw new QudaoError('WORKFLOW_INVALID', [{ field: 'user', rule: 'already_in_step', message: {
    'zh-CN': `${user.displayName} 已在本步骤中审批`, en: `${user.displayName} already decides in this step`,
  } }]);
}
