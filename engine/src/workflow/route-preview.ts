/**
 * Before submitting: the route a record would take now, read from the same graph, conditions and approver rules as
 * the runtime, without writing anything. Each approval step lists who would decide and why; a condition says
 * which branch it takes; a parallel split lists its branches; a step nobody could decide is flagged.
 */
import type { Knex } from 'knex';
import { evaluateLogic, isTruthy } from '../../../metadata/src/jsonlogic.ts';
import { joinOfSplit } from '../../../metadata/src/workflow-graph.ts';
import type { ApprovalMode, Label, WorkflowDoc, WorkflowEdge, WorkflowNode } from '../../../metadata/src/types.ts';
import type { Registry } from '../registry.ts';
import type { RecordData } from '../records/row-mapping.ts';
import { resolveApprovers, type ResolvedApprover } from './approvers.ts';
import type { Principal } from '../security/principal.ts';
import { entryRefusal, submitterRefusal } from './entry-criteria.ts';

export interface RouteStop {
  node: string;
  type: WorkflowNode['type'];
  label: Label;
  approvers?: ResolvedApprover[];
  mode?: ApprovalMode;
  threshold?: number;
  due?: string | number;
  /** For a condition: the node it goes to; for a split: the branches it enters. */
  next?: string[];
  /** Set when the route can't go on from here (nobody to approve, no branch holds). */
  problem?: Label;
}

export interface RoutePreview {
  workflow: { name: string; label: Label };
  route: RouteStop[];
  /** Why the workflow doesn't take this record now (its entry criterion fails). */
  refusal?: Label;
  /** False when the workflow refuses the record or a stop has a problem: submitting would be refused. */
  canSubmit: boolean;
}

export async function previewRoute(knex: Knex, registry: Registry, workflow: WorkflowDoc, record: RecordData, submitter: Pick<Principal, 'kind'>): Promise<RoutePreview> {
  const object = registry.objectOrThrow(workflow.object);
  const roleLabel = (role: string) => registry.documents('role').find((d) => d.name === role)?.label;
  const route: RouteStop[] = [];
  const seen = new Set<string>();
  const out = (id: string) => workflow.edges.filter((e) => e.from === id);
  const node = (id: string) => workflow.nodes.find((n) => n.id === id)!;
  const holds = (edge: WorkflowEdge) => edge.when === undefined || isTruthy(evaluateLogic(edge.when, record));

  /** Walks from `id` along approvals, stopping at `until` (the join of the split being walked). */
  const walk = async (id: string, until?: string): Promise<void> => {
    if (id === until || seen.has(id)) return;
    seen.add(id);
    const current = node(id);
    const stop: RouteStop = { node: id, type: current.type, label: current.label ?? { 'zh-CN': id, en: id } };
    route.push(stop);
    if (current.type === 'approval') {
      stop.approvers = await resolveApprovers(knex, current.approvers!, object, record, roleLabel);
      Object.assign(stop, { mode: current.mode ?? 'any', threshold: current.threshold, due: current.due });
      if (!stop.approvers.length) stop.problem = { 'zh-CN': '没有可用的审批人', en: 'no approver can be found' };
      for (const edge of out(id).filter((e) => (e.on ?? 'approved') === 'approved')) await walk(edge.to, until);
    } else if (current.type === 'condition') {
      const edges = out(id);
      const taken = edges.find((e) => e.when !== undefined && holds(e)) ?? edges.find((e) => e.on === 'otherwise');
      if (!taken) {
        stop.problem = { 'zh-CN': '没有一个分支的条件成立', en: 'no branch condition holds' };
        return;
      }
      stop.next = [taken.to];
      await walk(taken.to, until);
    } else if (current.type === 'parallel') {
      const branches = out(id).filter(holds);
      const join = joinOfSplit(workflow, id);
      stop.next = branches.map((e) => e.to);
      for (const branch of branches) await walk(branch.to, join);
      if (join) await walk(join, until);
    } else if (current.type !== 'end') {
      for (const edge of out(id)) await walk(edge.to, until);
    }
  };
  await walk(workflow.nodes.find((n) => n.type === 'start')!.id);
  const refusal = submitterRefusal(workflow, submitter) ?? entryRefusal(workflow, record);
  return { workflow: { name: workflow.name, label: workflow.label }, route, refusal, canSubmit: !refusal && route.every((s) => !s.problem) };
}
