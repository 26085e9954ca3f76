import type { Knex } from 'knex';
import type { WriteContext } from '../security/principal.ts';
import type { RecordData } from './row-mapping.ts';

export type { AccessContext, WriteContext } from '../security/principal.ts';

export type AuditAction = 'create' | 'update' | 'delete' | 'restore';
export type Changes = Record<string, { old: unknown; new: unknown }>;

const OUTBOX_TOPIC: Record<AuditAction, string> = { create: 'created', update: 'updated', delete: 'deleted', restore: 'restored' };

export interface HistoryEntry {
  id: number;
  action: AuditAction;
  at: string;
  actor: string | null;
  requestId: string | null;
  changes: Changes;
}

/**
 * A write with its audit entry and outbox event as ONE statement (data-modifying CTEs): atomic without a
 * transaction, one round trip. The effects select FROM the write, so a write that matched no row leaves none.
 * The outbox event points at its audit entry instead of copying the record. `at` is the write's own timestamp,
 * so `asOf` and the record's `updated_at` agree.
 */
export function withEffects(
  knex: Knex | Knex.Transaction,
  write: Knex.QueryBuilder,
  object: string,
  action: AuditAction,
  changes: Changes,
  ctx: WriteContext & { at: string },
): Knex.QueryBuilder {
  const audit = knex.raw(
    'INSERT INTO qd_audit (object, record_id, action, changes, actor, request_id, at, cause) SELECT ?, w.id, ?, ?::jsonb, ?, ?, ?, ?::jsonb FROM w RETURNING id, record_id',
    [object, action, JSON.stringify(changes), ctx.actor, ctx.requestId, ctx.at, ctx.cause ? JSON.stringify(ctx.cause) : null],
  );
  const outbox = knex.raw('INSERT INTO qd_outbox (topic, object, record_id, audit_id) SELECT ?, ?, audit.record_id, audit.id FROM audit', [
    `record.${OUTBOX_TOPIC[action]}`,
    object,
  ]);
  return knex.queryBuilder().with('w', write).with('audit', audit).with('outbox', outbox).select('*').from('w');
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
