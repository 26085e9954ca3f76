/**
 * One transition of one approval instance, inside one transaction: the token moves through the graph from a node
 * (the start, or an approval step just decided) until every branch waits at an approval step, waits at a join, or
 * the instance ends. What each node type does on entry is node-types.ts; this is the walk and the bookkeeping.
 */
import type { Knex } from 'knex';
import { collectVars } from '../../../metadata/src/jsonlogic-vars.ts';
import type { JsonLogic, Label, WorkflowDoc, WorkflowEdge, WorkflowNode } from '../../../metadata/src/types.ts';
import { expressionsOfActions } from '../actions/run-actions.ts';
import { enqueueAfterCommit } from '../jobs/outbox-jobs.ts';
import { queueNotification } from '../notifications/notification.job.ts';
import { QudaoError } from '../errors/catalog.ts';
import type { ObjectRuntime, Registry } from '../registry.ts';
import type { RecordService } from '../records/record-service.ts';
import { pathsOfVars, preloadRelated, type RelatedPaths } from '../records/related-preload.ts';
import type { RecordData } from '../records/row-mapping.ts';
import { systemPrincipal, type AccessContext, type WriteContext } from '../security/principal.ts';
import { cancelOpenTasks, recordEvent, type EventInput, type InstanceRow, type InstanceStatus, type StepRow, type WorkflowEvent } from './workflow-rows.ts';

/** How the token arrived: along an approval's decision (or the start). It ends the instance as approved unless rejected. */
export type Via = 'approved' | 'rejected' | 'returned';

export interface RunDeps {
  registry: Registry;
  records: RecordService;
  adminId: string;
  /** Node type behaviour, given by node-types.ts (kept apart so the walk does not import every node's needs). */
  enterNode(run: InstanceRun, node: WorkflowNode, via: Via): Promise<void>;
  startWorkflow(trx: Knex.Transaction, start: { workflow: string; object: string; recordId: string; submittedBy: string }): Promise<void>;
}

/** Job name of an instance that ended: automations on an approval outcome listen to it. */
export const WORKFLOW_COMPLETED = 'workflow.completed';

export class InstanceRun {
  readonly at = new Date();
  readonly records: RecordService;
  readonly object: ObjectRuntime;
  private logicRecord?: RecordData;

  constructor(
    readonly trx: Knex.Transaction,
    readonly instance: InstanceRow,
    readonly deps: RunDeps,
    /** Who made this transition happen (null: a timer). */
    readonly actor: string | null,
    readonly requestId: string | null,
  ) {
    this.records = deps.records.inTransaction(trx);
    this.object = deps.registry.objectOrThrow(instance.object);
  }

  get definition(): WorkflowDoc {
    return this.instance.definition;
  }

  node(id: string): WorkflowNode {
    const node = this.definition.nodes.find((n) => n.id === id);
    if (!node) throw new Error(`workflow ${this.definition.name} has no node ${id}`);
    return node;
  }

  out(id: string): WorkflowEdge[] {
    return this.definition.edges.filter((e) => e.from === id);
  }

  roleLabel = (role: string): Label | undefined => this.deps.registry.documents('role').find((d) => d.name === role)?.label;

  nodeLabel(node: WorkflowNode): Label {
    return node.label ?? { 'zh-CN': node.id, en: node.id };
  }

  /** Writes made by the workflow itself: the engine's rights, audited as the person who decided. */
  writeContext(): WriteContext {
    return { actor: this.actor ?? this.deps.adminId, requestId: this.requestId, principal: systemPrincipal(this.deps.adminId) };
  }

  async enter(id: string, via: Via): Promise<void> {
    await this.deps.enterNode(this, this.node(id), via);
  }

  /** Follows the edges an approval's decision takes (an edge without `on` is taken on approval). */
  async leave(nodeId: string, outcome: Via): Promise<void> {
    const edges = this.out(nodeId).filter((e) => (e.on ?? 'approved') === outcome);
    if (outcome === 'approved') {
      for (const edge of edges) await this.enter(edge.to, 'approved');
      return;
    }
    if (edges.length) return this.moveTo(edges[0].to, outcome);
    await this.finish(outcome);
  }

  /** Follows the one edge out of a start, action or join node. */
  async pass(nodeId: string, via: Via): Promise<void> {
    const [edge] = this.out(nodeId);
    if (edge) await this.enter(edge.to, via);
  }

  /**
   * A rejection or a return sends the whole instance to `target`: every other open step is closed and waiting
   * joins are cleared (a branch re-entered after a return passes its join alone).
   */
  async moveTo(target: string, via: Via): Promise<void> {
    await this.closeOpenSteps('cancelled');
    await this.trx('qd_workflow_joins').where({ instance_id: this.instance.id }).delete();
    await this.enter(target, via);
  }

  async finish(status: Exclude<InstanceStatus, 'pending'>, input: EventInput = {}): Promise<void> {
    await this.closeOpenSteps('cancelled');
    await this.trx('qd_workflow_instances').where({ id: this.instance.id }).update({ status, ended_at: this.at });
    this.instance.status = status;
    await this.event('completed', { ...input, details: { outcome: status, ...input.details } });
    await enqueueAfterCommit(this.trx, {
      name: WORKFLOW_COMPLETED,
      data: { instanceId: this.instance.id, workflow: this.instance.workflow, object: this.instance.object, recordId: this.instance.record_id, outcome: status },
      jobId: `workflow-completed-${this.instance.id}`,
    });
  }

  async completeStep(step: StepRow, outcome: 'approved' | 'rejected' | 'returned', input: EventInput = {}): Promise<void> {
    await this.trx('qd_workflow_steps').where({ id: step.id }).update({ status: outcome, ended_at: this.at });
    await cancelOpenTasks(this.trx, [step.id], this.at);
    await this.event('step_completed', { ...input, node: step.node, details: { outcome, ...input.details } });
  }

  /** Tells the people whose tasks just became theirs to decide, with the workflow's `taskTemplate` (if any). */
  async announce(taskIds: readonly string[]): Promise<void> {
    const template = this.definition.taskTemplate;
    if (!template || !taskIds.length) return;
    const tasks: { id: string; assignee_id: string }[] = await this.trx('qd_workflow_tasks').whereIn('id', taskIds).where({ status: 'pending' }).select('id', 'assignee_id');
    for (const task of tasks) {
      await queueNotification(this.trx, {
        userIds: [task.assignee_id], template, record: { object: this.instance.object, id: this.instance.record_id }, key: `task-${task.id}-${task.assignee_id}`,
      });
    }
  }

  async event(event: WorkflowEvent, input: EventInput = {}): Promise<void> {
    await recordEvent(this.trx, this.instance.id, this.at, event, { actor: this.actor, ...input });
  }

  /** The record as the workflow's expressions see it: read as the engine, with the related records they name. */
  async record(): Promise<RecordData> {
    this.logicRecord ??= await loadLogicRecord(this.trx, this.records, this.deps.registry, this.definition, this.instance.record_id, this.writeContext());
    return this.logicRecord;
  }

  /** After an action changed the record, the next expression reads it anew. */
  forgetRecord(): void {
    this.logicRecord = undefined;
  }

  stuck(node: WorkflowNode, zh: string, en: string): QudaoError {
    const label = this.nodeLabel(node);
    return new QudaoError('WORKFLOW_INVALID', [{ field: `nodes/${node.id}`, rule: 'stuck', message: {
      'zh-CN': `节点「${label['zh-CN']}」：${zh}`, en: `step "${label.en}": ${en}`,
    } }]);
  }

  private async closeOpenSteps(status: 'cancelled'): Promise<void> {
    const open: string[] = await this.trx('qd_workflow_steps').where({ instance_id: this.instance.id, status: 'active' }).pluck('id');
    if (!open.length) return;
    await this.trx('qd_workflow_steps').whereIn('id', open).update({ status, ended_at: this.at });
    await cancelOpenTasks(this.trx, open, this.at);
  }
}

/** The record as a workflow's expressions see it: read with `ctx`'s rights, the related records they name preloaded. */
export async function loadLogicRecord(
  db: Knex | Knex.Transaction, records: RecordService, registry: Registry, definition: WorkflowDoc, recordId: string, ctx: AccessContext,
): Promise<RecordData> {
  const object = registry.objectOrThrow(definition.object);
  const record = await records.get(object.name, recordId, { includeDeleted: true }, ctx);
  const related = await preloadRelated(db as Knex, registry.objectDocs(), object.doc, relatedPathsOf(definition, object), record);
  return { ...record, ...related };
}

/** Every lookup path the workflow's expressions read, preloaded in one query per transition. */
function relatedPathsOf(doc: WorkflowDoc, object: ObjectRuntime): RelatedPaths {
  const approvers = doc.nodes.flatMap((n) => [n.approvers, n.onTimeout && 'escalateTo' in n.onTimeout ? n.onTimeout.escalateTo : undefined])
    .flatMap((a) => (a === undefined ? [] : Array.isArray(a) ? a : [a]));
  const expressions: JsonLogic[] = [
    ...(doc.trigger.when === undefined ? [] : [doc.trigger.when]),
    ...doc.edges.flatMap((e) => (e.when === undefined ? [] : [e.when])),
    ...approvers.flatMap((a) => ('lookup' in a ? [a.lookup] : [])),
    ...expressionsOfActions(doc.nodes.flatMap((n) => n.actions ?? [])),
  ];
  return pathsOfVars(object.doc, expressions.flatMap((e) => collectVars(e).map((v) => v.name)));
}
