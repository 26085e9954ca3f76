/**
 * The approval runtime's operations, each one transaction: submit a record (or start a workflow from an action),
 * decide a task, recall a submission, and a step's due time passing. Reading (preview, inbox, history) lives in
 * route-preview.ts, inbox.ts and approval-history.ts.
 */
import type { Knex } from 'knex';
import { v7 as uuidv7 } from 'uuid';
import type { WorkflowDoc } from '../../../metadata/src/types.ts';
import { QudaoError } from '../errors/catalog.ts';
import type { Registry } from '../registry.ts';
import type { RecordService } from '../records/record-service.ts';
import type { RecordData } from '../records/row-mapping.ts';
import { ADMIN_ROLE, systemPrincipal, type Principal, type WriteContext } from '../security/principal.ts';
import { approversOf } from './approval-step.ts';
import { applyDecision, type Decision, type DecisionUser } from './decisions.ts';
import { InstanceRun, loadLogicRecord, type RunDeps } from './instance-run.ts';
import { previewRoute, type RoutePreview } from './route-preview.ts';
import { assertSubmissionAccepted, entryHolds, maySubmit, submitterRefusedAll } from './entry-criteria.ts';
import { delegators } from './inbox.ts';
import { enterNode } from './node-types.ts';
import { insertTasks, lockInstance, type InstanceRow, type StepRow, type TaskRow } from './workflow-rows.ts';

export interface WorkflowServiceDeps {
  knex: Knex;
  registry: Registry;
  records: RecordService;
  adminId: string;
}

/** A decision as the API takes it: a user named by id (add a signer, reassign) is checked and read here. */
export type DecisionRequest =
  | Exclude<Decision, { user: DecisionUser }>
  | { action: 'addSigner'; userId: string; position: 'before' | 'after'; comment?: string }
  | { action: 'reassign'; userId: string; comment?: string };

export interface InstanceSummary {
  id: string;
  workflow: string;
  status: InstanceRow['status'];
}

export class WorkflowService {
  private readonly runDeps: RunDeps;

  constructor(private readonly deps: WorkflowServiceDeps) {
    this.runDeps = {
      registry: deps.registry,
      records: deps.records,
      adminId: deps.adminId,
      enterNode,
      startWorkflow: (trx, start) => this.startInTransaction(trx, start).then(() => undefined),
    };
  }

  /**
   * The workflow a submission of this object starts: the one named, or the object's only active one (when given the
   * record, the only one whose entry criterion holds for it).
   */
  workflowFor(object: string, name?: string, applies?: (workflow: WorkflowDoc) => boolean): WorkflowDoc {
    const active = this.activeWorkflows(object).filter((d) => name === undefined || d.name === name);
    const applicable = name === undefined && applies && active.length > 1 ? active.filter(applies) : active;
    const candidates = applicable.length ? applicable : active;
    if (candidates.length === 1) return candidates[0];
    if (!candidates.length) {
      throw new QudaoError('WORKFLOW_NOT_FOUND', [], name
        ? { 'zh-CN': `${object} 没有名为 ${name} 的有效审批流程`, en: `${object} has no active approval workflow named ${name}` }
        : { 'zh-CN': `${object} 没有有效的审批流程`, en: `${object} has no active approval workflow` });
    }
    throw new QudaoError('WORKFLOW_INVALID', [{ field: 'workflow', rule: 'required', message: {
      'zh-CN': `${object} 有多个审批流程，请指定其一：${candidates.map((d) => d.name).join('、')}`,
      en: `${object} has several approval workflows; name one: ${candidates.map((d) => d.name).join(', ')}`,
    } }]);
  }

  /** The route a submission would take now, for a record the principal may edit (read as the runtime reads it). */
  async preview(object: string, recordId: string, ctx: WriteContext, workflowName?: string): Promise<RoutePreview> {
    await this.deps.records.getEditable(object, recordId, ctx);
    const { workflow, record } = await this.chooseWorkflow(this.deps.knex, this.deps.records, object, recordId, workflowName, ctx.principal);
    return previewRoute(this.deps.knex, this.deps.registry, workflow, record, ctx.principal);
  }

  /** Submits a record the principal may edit, if the workflow takes it now; it is locked until the approval ends. */
  async submit(object: string, recordId: string, ctx: WriteContext, options: { workflow?: string; comment?: string }): Promise<InstanceSummary> {
    await this.deps.records.getEditable(object, recordId, ctx);
    return this.deps.knex.transaction(async (trx) => {
      const { workflow, record } = await this.chooseWorkflow(trx, this.deps.records.inTransaction(trx), object, recordId, options.workflow, ctx.principal);
      assertSubmissionAccepted(workflow, record, options.comment, ctx.principal);
      return this.start(trx, workflow, { object, recordId, submittedBy: ctx.principal.userId, comment: options.comment, requestId: ctx.requestId });
    });
  }

  /** Starts a workflow inside the caller's transaction (an action's `startWorkflow`). */
  async startInTransaction(trx: Knex.Transaction, start: { workflow: string; object: string; recordId: string; submittedBy: string }): Promise<InstanceSummary> {
    return this.start(trx, this.workflowFor(start.object, start.workflow), { ...start, requestId: null });
  }

  async decide(taskId: string, request: DecisionRequest, ctx: WriteContext): Promise<InstanceSummary & { taskId: string }> {
    return this.deps.knex.transaction(async (trx) => {
      const { instance, task } = await this.lockTask(trx, taskId, ctx.principal, request.action === 'reassign');
      const step: StepRow = await trx('qd_workflow_steps').where({ id: task.step_id }).first();
      const run = new InstanceRun(trx, instance, this.runDeps, ctx.principal.userId, ctx.requestId);
      await applyDecision(run, step, task, await resolveDecision(trx, request), await decisionUser(trx, ctx.principal.userId, 'by'));
      return { taskId, ...summary(run.instance) };
    });
  }

  /** The submitter (or an admin) takes a pending submission back; the record is unlocked. */
  async recall(object: string, recordId: string, ctx: WriteContext, comment?: string): Promise<InstanceSummary> {
    await this.deps.records.get(object, recordId, { fields: [] }, ctx);
    return this.deps.knex.transaction(async (trx) => {
      const pending = await trx('qd_workflow_instances').where({ object, record_id: recordId, status: 'pending' }).first('id');
      const instance = pending && (await lockInstance(trx, pending.id));
      if (!instance || instance.status !== 'pending') throw notPending();
      if (instance.submitted_by !== ctx.principal.userId && ctx.principal.role !== ADMIN_ROLE) {
        throw new QudaoError('FORBIDDEN', [], { 'zh-CN': '只有提交人可以撤回', en: 'only the submitter can recall it' });
      }
      const run = new InstanceRun(trx, instance, this.runDeps, ctx.principal.userId, ctx.requestId);
      await run.event('recalled', { comment: comment ?? null });
      await run.finish('recalled', { comment: comment ?? null });
      return summary(run.instance);
    });
  }

  /** A step's due time passed: escalate, decide automatically, or note it overdue, as the node says. */
  async stepDue(stepId: string): Promise<void> {
    await this.deps.knex.transaction(async (trx) => {
      const found: StepRow | undefined = await trx('qd_workflow_steps').where({ id: stepId }).first();
      const instance = found && (await lockInstance(trx, found.instance_id));
      const step: StepRow | undefined = found && (await trx('qd_workflow_steps').where({ id: stepId }).first());
      if (!instance || !step || instance.status !== 'pending' || step.status !== 'active' || !step.due_at || step.due_at > new Date()) return;
      const run = new InstanceRun(trx, instance, this.runDeps, null, null);
      const onTimeout = run.node(step.node).onTimeout;
      await trx('qd_workflow_steps').where({ id: step.id }).update({ due_at: null });
      if (onTimeout && 'escalateTo' in onTimeout) {
        const people = await approversOf(run, onTimeout.escalateTo);
        const tasks = await insertTasks(trx, step, people.map((p) => ({
          assigneeId: p.userId, kind: 'approver', status: 'pending',
          reason: { 'zh-CN': `超时升级（${p.reason['zh-CN']}）`, en: `escalated when overdue (${p.reason.en})` },
        })), run.at);
        await run.event('escalated', { node: step.node, details: { approvers: people.map((p) => p.username) } });
        await run.announce(tasks.map((t) => t.id));
      } else if (onTimeout) {
        const outcome = onTimeout.decide === 'approve' ? 'approved' : 'rejected';
        await run.event('auto_decided', { node: step.node, details: { outcome } });
        await run.completeStep(step, outcome);
        await run.leave(step.node, outcome);
      } else {
        await run.event('overdue', { node: step.node });
      }
    });
  }

  /** The workflow to submit to (see workflowFor) and the record as its expressions read it. */
  private async chooseWorkflow(
    db: Knex | Knex.Transaction, records: RecordService, object: string, recordId: string, name: string | undefined, submitter: Principal,
  ): Promise<{ workflow: WorkflowDoc; record: RecordData }> {
    const load = (workflow: WorkflowDoc) =>
      loadLogicRecord(db, records, this.deps.registry, workflow, recordId, { principal: systemPrincipal(this.deps.adminId) });
    const active = this.activeWorkflows(object);
    if (name === undefined && active.length && !active.some((w) => maySubmit(w, submitter))) throw submitterRefusedAll(this.deps.registry.objectOrThrow(object).doc.label);
    const read = new Map<WorkflowDoc, RecordData>();
    if (name === undefined && active.length > 1) for (const candidate of active) read.set(candidate, await load(candidate));
    const workflow = this.workflowFor(object, name, (w) => maySubmit(w, submitter) && entryHolds(w, read.get(w)!));
    return { workflow, record: read.get(workflow) ?? await load(workflow) };
  }

  private activeWorkflows(object: string): WorkflowDoc[] {
    return (this.deps.registry.documents('workflow') as WorkflowDoc[]).filter((d) => d.object === object && d.active !== false);
  }

  private async start(
    trx: Knex.Transaction,
    workflow: WorkflowDoc,
    start: { object: string; recordId: string; submittedBy: string; comment?: string; requestId: string | null },
  ): Promise<InstanceSummary> {
    const instance: InstanceRow = {
      id: uuidv7(), workflow: workflow.name, definition: workflow, object: start.object, record_id: start.recordId,
      status: 'pending', submitted_by: start.submittedBy, submitted_at: new Date(), ended_at: null,
    };
    try {
      await trx('qd_workflow_instances').insert({ ...instance, definition: JSON.stringify(workflow) });
    } catch (error) {
      if ((error as { constraint?: string }).constraint !== 'qd_workflow_instances_pending') throw error;
      throw new QudaoError('WORKFLOW_STATE', [], { 'zh-CN': '该记录已在审批中', en: 'the record is already pending approval' });
    }
    const run = new InstanceRun(trx, instance, this.runDeps, start.submittedBy, start.requestId);
    await run.event('submitted', { comment: start.comment ?? null, details: { workflow: workflow.name } });
    const first = workflow.nodes.find((n) => n.type === 'start')!;
    await run.enter(first.id, 'approved');
    return summary(run.instance);
  }

  /**
   * The task and its instance, locked. Only its assignee decides it (or whoever the assignee delegated to while
   * away); an admin may reassign any task. Anyone else is told it doesn't exist.
   */
  private async lockTask(trx: Knex.Transaction, taskId: string, principal: Principal, reassigning: boolean): Promise<{ instance: InstanceRow; task: TaskRow }> {
    if (!UUID.test(taskId)) throw taskNotFound(taskId);
    const found = await trx('qd_workflow_tasks').where({ id: taskId }).first('instance_id');
    const instance = found && (await lockInstance(trx, found.instance_id));
    const task: TaskRow | undefined = instance && (await trx('qd_workflow_tasks').where({ id: taskId }).first());
    if (!instance || !task) throw taskNotFound(taskId);
    const mayAct = task.assignee_id === principal.userId
      || (reassigning && principal.role === ADMIN_ROLE)
      || (await isDelegate(trx, task.assignee_id, principal.userId));
    if (!mayAct) throw taskNotFound(taskId);
    if (task.status !== 'pending' || instance.status !== 'pending') {
      throw new QudaoError('WORKFLOW_STATE', [], task.status === 'queued'
        ? { 'zh-CN': '还没轮到这个任务', en: "it is not this task's turn yet" }
        : { 'zh-CN': '该任务已处理', en: 'the task has already been decided' });
    }
    return { instance, task };
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True while `delegate` stands in for `user` (a delegation covering now). */
async function isDelegate(db: Knex | Knex.Transaction, user: string, delegate: string): Promise<boolean> {
  return Boolean(await delegators(db, delegate).where({ user_id: user }).first());
}

async function resolveDecision(trx: Knex.Transaction, request: DecisionRequest): Promise<Decision> {
  if (request.action === 'addSigner' || request.action === 'reassign') {
    const { userId, ...rest } = request;
    return { ...rest, user: await decisionUser(trx, userId, 'userId') } as Decision;
  }
  return request;
}

/** An active internal user, by id; else a field error on `field`. */
async function decisionUser(db: Knex | Knex.Transaction, id: string, field: string): Promise<DecisionUser> {
  const user = UUID.test(id) ? await db('qd_users').where({ id, active: true, kind: 'internal' }).first('id', 'username', 'display_name') : undefined;
  if (!user) {
    throw new QudaoError('WORKFLOW_INVALID', [{ field, rule: 'not_found', message: { 'zh-CN': '须是在职的内部用户', en: 'must be an active internal user' } }]);
  }
  return { id: user.id, username: user.username, displayName: user.display_name };
}

function summary(instance: InstanceRow): InstanceSummary {
  return { id: instance.id, workflow: instance.workflow, status: instance.status };
}

function taskNotFound(id: string): QudaoError {
  return new QudaoError('APPROVAL_TASK_NOT_FOUND', [], { 'zh-CN': `没有 id 为 ${id} 的待办审批任务`, en: `there is no approval task ${id} for you` });
}

function notPending(): QudaoError {
  return new QudaoError('WORKFLOW_STATE', [], { 'zh-CN': '该记录没有进行中的审批', en: 'the record has no pending approval' });
}
