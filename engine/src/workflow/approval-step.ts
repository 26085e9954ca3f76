/**
 * An approval node entered: a step with one task per approver, then the token waits (a human decision is stored
 * state, not a waiting call). One after another (`sequential`): each task is queued behind the one before.
 * A due time queues a timer job for the moment it passes.
 */
import { v7 as uuidv7 } from 'uuid';
import type { Approver, WorkflowNode } from '../../../metadata/src/types.ts';
import { enqueueAfterCommit } from '../jobs/outbox-jobs.ts';
import { resolveApprovers, type ResolvedApprover } from './approvers.ts';
import { dueAt } from './due.ts';
import type { InstanceRun } from './instance-run.ts';
import { insertTasks, type NewTask, type StepRow } from './workflow-rows.ts';

/** Job name of a step's due time passing. */
export const STEP_DUE = 'workflow.step-due';

export async function startApprovalStep(run: InstanceRun, node: WorkflowNode): Promise<void> {
  const people = await approversOf(run, node.approvers!);
  if (!people.length) {
    throw run.stuck(node, '没有可用的审批人（角色下没有在职用户，或字段中的用户没有上级）', 'no approver can be found (no active user in the role, or the user named has no manager)');
  }
  const step: StepRow = {
    id: uuidv7(), instance_id: run.instance.id, node: node.id, status: 'active', started_at: run.at, ended_at: null,
    due_at: node.due === undefined ? null : dueAt(node.due, run.at),
  };
  await run.trx('qd_workflow_steps').insert(step);
  const tasks = await insertTasks(run.trx, step, taskPlan(node, people), run.at);
  if (node.mode === 'sequential') await chain(run, tasks.map((t) => t.id));
  await run.event('step_started', { node: node.id, details: { approvers: people.map((p) => p.username), mode: node.mode ?? 'any' } });
  await run.announce(tasks.map((t) => t.id));
  if (step.due_at) {
    await enqueueAfterCommit(run.trx, { name: STEP_DUE, data: { stepId: step.id }, jobId: `step-due-${step.id}`, runAt: step.due_at.toISOString() });
  }
}

export async function approversOf(run: InstanceRun, approvers: Approver | Approver[]): Promise<ResolvedApprover[]> {
  return resolveApprovers(run.trx, approvers, run.object, await run.record(), run.roleLabel);
}

function taskPlan(node: WorkflowNode, people: ResolvedApprover[]): NewTask[] {
  return people.map((p, i) => ({
    assigneeId: p.userId,
    kind: 'approver',
    status: node.mode === 'sequential' && i > 0 ? 'queued' : 'pending',
    reason: p.reason,
  }));
}

/** Links each queued task to the one before it (ids are only known once inserted). */
async function chain(run: InstanceRun, ids: string[]): Promise<void> {
  for (let i = 1; i < ids.length; i++) {
    await run.trx('qd_workflow_tasks').where({ id: ids[i] }).update({ after_task_id: ids[i - 1] });
  }
}
