/**
 * `GET /api/approvals/inbox`: the tasks a user may decide now (theirs, and those of users who delegated to them
 * while away), oldest first, keyset-paged, with the record's title, the workflow and step labels and the due time.
 */
import type { Knex } from 'knex';
import type { WorkflowDoc } from '../../../metadata/src/types.ts';
import type { InboxItem } from '../../../metadata/src/ui-contract.ts';
import { QudaoError } from '../errors/catalog.ts';
import type { Registry } from '../registry.ts';

export type { InboxItem };

export interface InboxQuery {
  object?: string;
  workflow?: string;
  limit: number;
  cursor?: string;
}


export async function inbox(knex: Knex, registry: Registry, userId: string, query: InboxQuery): Promise<{ data: InboxItem[]; total: number; nextCursor: string | null }> {
  const base = () => {
    const q = knex('qd_workflow_tasks as t')
      .join('qd_workflow_instances as i', 'i.id', 't.instance_id')
      .where('t.status', 'pending')
      // One array of assignees (the reader and whoever delegated to them) keeps the partial inbox index usable;
      // `a = x OR a IN (subquery)` can't be an index condition.
      .whereRaw('t.assignee_id = ANY(array_prepend(?::uuid, ARRAY(?)))', [userId, delegators(knex, userId)]);
    if (query.object) q.where('i.object', query.object);
    if (query.workflow) q.where('i.workflow', query.workflow);
    return q;
  };
  const page = base()
    .join('qd_workflow_steps as s', 's.id', 't.step_id')
    .join('qd_users as submitter', 'submitter.id', 'i.submitted_by')
    .join('qd_users as assignee', 'assignee.id', 't.assignee_id')
    .select('t.id', 't.created_at', 't.reason', 't.assignee_id', 'assignee.display_name as assignee_name', 's.node', 's.due_at',
      'i.id as instance_id', 'i.workflow', 'i.definition', 'i.object', 'i.record_id', 'i.submitted_by', 'i.submitted_at',
      'submitter.display_name as submitter_name')
    .orderBy([{ column: 't.created_at' }, { column: 't.id' }])
    .limit(query.limit + 1);
  if (query.cursor) {
    const [at, id] = decodeInboxCursor(query.cursor);
    page.whereRaw('(t.created_at, t.id) > (?::timestamptz, ?::uuid)', [at, id]);
  }
  const [rows, [{ n }]] = await Promise.all([page, base().count({ n: '*' })]);
  const more = rows.length > query.limit;
  const shown = rows.slice(0, query.limit);
  const titles = await recordTitles(knex, registry, shown);
  const now = Date.now();
  const data = shown.map((r): InboxItem => {
    const definition = r.definition as WorkflowDoc;
    const node = definition.nodes.find((n) => n.id === r.node);
    const object = registry.object(r.object);
    return {
      taskId: r.id,
      instanceId: r.instance_id,
      workflow: { name: r.workflow, label: definition.label },
      step: { node: r.node, label: node?.label ?? { 'zh-CN': r.node, en: r.node } },
      object: { name: r.object, label: object?.doc.label ?? { 'zh-CN': r.object, en: r.object } },
      recordId: r.record_id,
      recordTitle: titles.get(r.record_id) ?? null,
      submittedBy: { id: r.submitted_by, displayName: r.submitter_name },
      submittedAt: new Date(r.submitted_at).toISOString(),
      assignedAt: new Date(r.created_at).toISOString(),
      dueAt: r.due_at ? new Date(r.due_at).toISOString() : null,
      overdue: r.due_at ? new Date(r.due_at).getTime() < now : false,
      reason: r.reason,
      onBehalfOf: r.assignee_id === userId ? null : { id: r.assignee_id, displayName: r.assignee_name },
    };
  });
  const last = shown[shown.length - 1];
  return { data, total: Number(n), nextCursor: more && last ? encodeInboxCursor(last.created_at, last.id) : null };
}

/** Users whose tasks `userId` decides now, standing in while they are away. */
export function delegators(knex: Knex | Knex.Transaction, userId: string): Knex.QueryBuilder {
  return knex('qd_delegations').where({ delegate_id: userId }).where('starts_at', '<=', knex.fn.now()).where('ends_at', '>', knex.fn.now()).select('user_id');
}

/** The title field (the object's titleField, else `name`) of each record on the page: one query per object. */
async function recordTitles(knex: Knex, registry: Registry, rows: { object: string; record_id: string }[]): Promise<Map<string, string>> {
  const titles = new Map<string, string>();
  const idsByObject = new Map<string, string[]>();
  for (const r of rows) idsByObject.set(r.object, [...(idsByObject.get(r.object) ?? []), r.record_id]);
  for (const [name, ids] of idsByObject) {
    const object = registry.object(name);
    const field = object?.doc.titleField ?? (object?.fields.has('name') ? 'name' : undefined);
    if (!object || !field) continue;
    const found = await knex(object.table).whereIn('id', ids).select('id', knex.ref(field).as('title'));
    for (const row of found) if (row.title !== null) titles.set(row.id, String(row.title));
  }
  return titles;
}

function encodeInboxCursor(at: Date, id: string): string {
  return Buffer.from(JSON.stringify([new Date(at).toISOString(), id])).toString('base64url');
}

function decodeInboxCursor(cursor: string): [string, string] {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (typeof at === 'string' && !Number.isNaN(Date.parse(at)) && typeof id === 'string' && /^[0-9a-f-]{36}$/i.test(id)) return [at, id];
  } catch { /* answered below */ }
  throw new QudaoError('BAD_REQUEST', [{ field: 'cursor', rule: 'invalid', message: { 'zh-CN': '分页游标无效', en: 'the cursor is not valid' } }]);
}
