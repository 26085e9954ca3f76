/** In-app notifications: stored rendered, listed newest first per user, marked read by their recipient only. */
import type { Knex } from 'knex';
import { v4 as uuid } from 'uuid';
import type { Notification } from '../../../metadata/src/ui-contract.ts';
import { QudaoError } from '../errors/catalog.ts';

export type { Notification };

export interface NewNotification {
  userId: string;
  template: string;
  object: string | null;
  recordId: string | null;
  subject: string;
  body: string;
  /** The sending job's key: a second row with the same key for the same user is not stored. */
  dedupeKey?: string;
}


export interface ListOptions {
  unreadOnly?: boolean;
  limit: number;
  cursor?: string;
}

const TABLE = 'qd_notifications';

/** Stores the notifications, leaving out those whose (user, dedupe key) is stored already; returns the ids it stored. */
export async function storeNotifications(knex: Knex, notifications: NewNotification[]): Promise<string[]> {
  if (notifications.length === 0) return [];
  const createdAt = new Date(); // millisecond precision, as the cursor carries it
  const rows = notifications.map((n) => ({
    id: uuid(), created_at: createdAt, user_id: n.userId, template: n.template, object: n.object, record_id: n.recordId, subject: n.subject, body: n.body,
    dedupe_key: n.dedupeKey ?? null,
  }));
  const stored: { id: string }[] = await knex(TABLE).insert(rows).onConflict(['user_id', 'dedupe_key']).ignore().returning('id');
  return stored.map((row) => row.id);
}

/** The user's own notifications, newest first; `nextCursor` continues after the last one. */
export async function listNotifications(knex: Knex, userId: string, options: ListOptions): Promise<{ data: Notification[]; nextCursor: string | null }> {
  const query = knex(TABLE).where({ user_id: userId }).orderBy([{ column: 'created_at', order: 'desc' }, { column: 'id', order: 'desc' }]).limit(options.limit + 1);
  if (options.unreadOnly) query.whereNull('read_at');
  if (options.cursor !== undefined) {
    const [at, id] = decodeCursor(options.cursor);
    query.whereRaw('(created_at, id) < (?::timestamptz, ?::uuid)', [at, id]);
  }
  const rows = await query;
  const page = rows.slice(0, options.limit).map(view);
  const last = page[page.length - 1];
  return { data: page, nextCursor: rows.length > options.limit && last ? encodeCursor(last.createdAt, last.id) : null };
}

/** Marks one of the user's notifications read (idempotent); another user's id is answered as not found. */
export async function markRead(knex: Knex, userId: string, id: string): Promise<Notification> {
  if (!UUID.test(id)) throw notFound();
  const [row] = await knex(TABLE).where({ id, user_id: userId })
    .update({ read_at: knex.raw('coalesce(read_at, now())') }).returning('*');
  if (!row) throw notFound();
  return view(row);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function view(row: Record<string, any>): Notification {
  return {
    id: row.id, template: row.template, object: row.object, recordId: row.record_id, subject: row.subject, body: row.body,
    createdAt: iso(row.created_at), readAt: row.read_at ? iso(row.read_at) : null,
  };
}

function iso(value: unknown): string {
  return value instanceof Date ? value.toISOString() : String(value);
}

function encodeCursor(at: string, id: string): string {
  return Buffer.from(JSON.stringify([at, id]), 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): [string, string] {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && !Number.isNaN(Date.parse(value[0]))
      && typeof value[1] === 'string' && UUID.test(value[1])) return [value[0], value[1]];
  } catch { /* below */ }
  throw new QudaoError('BAD_REQUEST', [{ field: 'cursor', rule: 'invalid', message: { 'zh-CN': 'cursor 无效', en: 'The cursor is not valid' } }]);
}

function notFound(): QudaoError {
  return new QudaoError('NOTIFICATION_NOT_FOUND');
}
