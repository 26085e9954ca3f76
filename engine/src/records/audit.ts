import type { Knex } from 'knex';
import type { RecordData } from './row-mapping.ts';

export type AuditAction = 'create' | 'update' | 'delete' | 'restore';
export type Changes = Record<string, { old: unknown; new: unknown }>;

const OUTBOX_TOPIC: Record<AuditAction, string> = { create: 'created', update: 'updated', delete: 'deleted', restore: 'restored' };

export interface WriteContext {
  actor: string | null;
  requestId: string | null;
}

export interface HistoryEntry {
  id: number;
  action: AuditAction;
  at: string;
  actor: string | null;
  requestId: string | null;
  changes: Changes;
}

/** The audit entry and the outbox event of one write, in the write's transaction. */
export async function recordWrite(
  trx: Knex.Transaction,
  object: string,
  recordId: string,
  action: AuditAction,
  changes: Changes,
  record: RecordData,
  ctx: WriteContext,
): Promise<void> {
  await trx('qd_audit').insert({
    object,
    record_id: recordId,
    action,
    changes: JSON.stringify(changes),
    actor: ctx.actor,
    request_id: ctx.requestId,
  });
  await trx('qd_outbox').insert({
    topic: `record.${OUTBOX_TOPIC[action]}`,
    object,
    record_id: recordId,
    payload: JSON.stringify({ record, changes, actor: ctx.actor, requestId: ctx.requestId }),
  });
}

/** Every key of `after` whose value differs from `before`, as {old, new}. At insert, `before` is empty: the full record. */
export function diffRecords(before: RecordData, after: RecordData): Changes {
  const changes: Changes = {};
  for (const [key, value] of Object.entries(after)) {
    const old = before[key] ?? null;
    if (JSON.stringify(old) !== JSON.stringify(value ?? null)) changes[key] = { old, new: value ?? null };
  }
  return changes;
}

export async function historyOf(knex: Knex, object: string, recordId: string, until?: string): Promise<HistoryEntry[]> {
  const query = knex('qd_audit').where({ object, record_id: recordId }).orderBy('id');
  if (until) query.where('at', '<=', until);
  const rows = await query.select('id', 'action', 'at', 'actor', 'request_id', 'changes');
  return rows.map((r) => ({
    id: Number(r.id),
    action: r.action,
    at: r.at instanceof Date ? r.at.toISOString() : r.at,
    actor: r.actor,
    requestId: r.request_id,
    changes: r.changes,
  }));
}

/** The record as it was after the last of these entries; undefined when it did not exist yet. */
export function replay(entries: readonly HistoryEntry[]): RecordData | undefined {
  if (!entries.length || entries[0].action !== 'create') return undefined;
  const record: RecordData = {};
  for (const entry of entries) {
    for (const [key, change] of Object.entries(entry.changes)) record[key] = change.new;
  }
  return record;
}
