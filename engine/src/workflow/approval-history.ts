/**
 * A record's approvals, newest first: each submission with its steps, who decided each task and how, and every
 * event (who, when, what, comment). Three queries whatever the number of submissions.
 */
import type { Knex } from 'knex';
import type { Label, WorkflowDoc } from '../../../metadata/src/types.ts';
import type { InstanceRow } from './workflow-rows.ts';

interface Person { id: string; displayName: string }

export interface ApprovalHistory {
  id: string;
  workflow: { name: string; label: Label };
  status: InstanceRow['status'];
  submittedBy: Person;
  submittedAt: string;
  endedAt: string | null;
  steps: {
    id: string; node: string; label: Label; status: string; startedAt: string; endedAt: string | null; dueAt: string | null;
    tasks: { id: string; assignee: Person; kind: string; status: string; reason: Label; decidedAt: string | null; comment: string | null }[];
  }[];
  events: { at: string; event: string; node: string | null; actor: Person | null; comment: string | null; details: Record<string, unknown> }[];
}

export async function approvalHistory(knex: Knex, object: string, recordId: string): Promise<ApprovalHistory[]> {
  const instances = await knex('qd_workflow_instances as i').join('qd_users as u', 'u.id', 'i.submitted_by')
    .where({ 'i.object': object, 'i.record_id': recordId }).orderBy('i.submitted_at', 'desc')
    .select('i.*', 'u.display_name as submitter_name');
  if (!instances.length) return [];
  const ids = instances.map((i) => i.id);
  const [steps, tasks, events] = await Promise.all([
    knex('qd_workflow_steps').whereIn('instance_id', ids).orderBy([{ column: 'started_at' }, { column: 'id' }]),
    knex('qd_workflow_tasks as t').join('qd_users as u', 'u.id', 't.assignee_id').whereIn('t.instance_id', ids)
      .orderBy([{ column: 't.created_at' }, { column: 't.id' }]).select('t.*', 'u.display_name as assignee_name'),
    knex('qd_workflow_events as e').leftJoin('qd_users as u', 'u.id', 'e.actor').whereIn('e.instance_id', ids)
      .orderBy('e.id').select('e.*', 'u.display_name as actor_name'),
  ]);
  return instances.map((i) => {
    const definition = i.definition as WorkflowDoc;
    const label = (node: string) => definition.nodes.find((n) => n.id === node)?.label ?? { 'zh-CN': node, en: node };
    return {
      id: i.id,
      workflow: { name: i.workflow, label: definition.label },
      status: i.status,
      submittedBy: { id: i.submitted_by, displayName: i.submitter_name },
      submittedAt: iso(i.submitted_at)!,
      endedAt: iso(i.ended_at),
      steps: steps.filter((s) => s.instance_id === i.id).map((s) => ({
        id: s.id, node: s.node, label: label(s.node), status: s.status, startedAt: iso(s.started_at)!, endedAt: iso(s.ended_at), dueAt: iso(s.due_at),
        tasks: tasks.filter((t) => t.step_id === s.id).map((t) => ({
          id: t.id, assignee: { id: t.assignee_id, displayName: t.assignee_name }, kind: t.kind, status: t.status, reason: t.reason,
          decidedAt: iso(t.decided_at), comment: t.comment,
        })),
      })),
      events: events.filter((e) => e.instance_id === i.id).map((e) => ({
        at: iso(e.at)!, event: e.event, node: e.node, actor: e.actor ? { id: e.actor, displayName: e.actor_name } : null, comment: e.comment, details: e.details,
      })),
    };
  });
}

const iso = (value: Date | string | null): string | null => (value ? new Date(value).toISOString() : null);
