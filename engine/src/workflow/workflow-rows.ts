/** The rows of a running approval (migrations/20261205_0007_workflow.ts) and the small statements on them. */
import type { Knex } from 'knex';
import { v7 as uuidv7 } from 'uuid';
import type { Label, WorkflowDoc } from '../../../metadata/src/types.ts';
import type { TaskKind, TaskStatus } from './step-outcome.ts';

export const INSTANCE_STATUSES = ['pending', 'approved', 'rejected', 'returned', 'recalled'] as const;
export type InstanceStatus = (typeof INSTANCE_STATUSES)[number];
export type StepStatus = 'active' | 'approved' | 'rejected' | 'returned' | 'cancelled';

export interface InstanceRow {
  id: string;
  workflow: string;
  definition: WorkflowDoc;
  object: string;
  record_id: string;
  status: InstanceStatus;
  submitted_by: string;
  submitted_at: Date;
  ended_at: Date | null;
}

export interface StepRow {
  id: string;
  instance_id: string;
  node: string;
  status: StepStatus;
  started_at: Date;
  ended_at: Date | null;
  due_at: Date | null;
}

export interface TaskRow {
  id: string;
  step_id: string;
  instance_id: string;
  assignee_id: string;
  kind: TaskKind;
  status: TaskStatus;
  after_task_id: string | null;
  reason: Label;
  created_at: Date;
  decided_at: Date | null;
  decided_by: string | null;
  comment: string | null;
}

export type WorkflowEvent =
  | 'submitted' | 'step_started' | 'approved' | 'rejected' | 'returned' | 'signer_added' | 'reassigned'
  | 'escalated' | 'auto_decided' | 'overdue' | 'step_completed' | 'actions_run' | 'recalled' | 'completed';

export interface EventInput {
  node?: string;
  taskId?: string;
  actor?: string | null;
  comment?: string | null;
  details?: Record<string, unknown>;
}

export type Db = Knex | Knex.Transaction;

export async function recordEvent(db: Db, instanceId: string, at: Date, event: WorkflowEvent, input: EventInput = {}): Promise<void> {
  await db('qd_workflow_events').insert({
    instance_id: instanceId,
    at,
    event,
    node: input.node ?? null,
    task_id: input.taskId ?? null,
    actor: input.actor ?? null,
    comment: input.comment ?? null,
    details: JSON.stringify(input.details ?? {}),
  });
}

export interface NewTask {
  assigneeId: string;
  kind: TaskKind;
  status: 'pending' | 'queued';
  afterTaskId?: string | null;
  reason: Label;
}

export async function insertTasks(db: Db, step: Pick<StepRow, 'id' | 'instance_id'>, tasks: NewTask[], at: Date): Promise<TaskRow[]> {
  if (!tasks.length) return [];
  return db('qd_workflow_tasks')
    .insert(tasks.map((t) => ({
      id: uuidv7(),
      step_id: step.id,
      instance_id: step.instance_id,
      assignee_id: t.assigneeId,
      kind: t.kind,
      status: t.status,
      after_task_id: t.afterTaskId ?? null,
      reason: JSON.stringify(t.reason),
      created_at: at,
    })))
    .returning('*');
}

/** Locks the instance row: every transition of one instance runs after the previous one committed. */
export async function lockInstance(db: Db, id: string): Promise<InstanceRow | undefined> {
  return db('qd_workflow_instances').where({ id }).forUpdate().first();
}

/** Closes the open tasks of some steps (the step was decided, or the instance moved elsewhere). */
export async function cancelOpenTasks(db: Db, stepIds: string[], at: Date): Promise<void> {
  if (!stepIds.length) return;
  await db('qd_workflow_tasks').whereIn('step_id', stepIds).whereIn('status', ['pending', 'queued']).update({ status: 'cancelled', decided_at: at });
}
