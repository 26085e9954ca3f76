/**
 * The access audit: logins, user and token changes, deploys and plugin changes, with who, when and from where.
 * A change writes its audit row in its own transaction, so a change without its row can't happen.
 */
import type { Knex } from 'knex';
import type { AppliedDeploy } from '../deploy/deploy.ts';

export const ACCESS_EVENTS = [
  'login', 'login_failed', 'locked', 'logout', 'password_changed', 'password_reset',
  'user_created', 'user_changed', 'user_deactivated', 'token_created', 'token_revoked',
  'deploy', 'plugin_install', 'plugin_upgrade', 'plugin_uninstall',
] as const;
export type AccessEvent = (typeof ACCESS_EVENTS)[number];

/** Who acts (null before a login succeeds) and from where. */
export interface AuditSource {
  userId: string | null;
  username: string | null;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
}

export interface AccessAuditEntry {
  id: string;
  at: string;
  event: AccessEvent;
  userId: string | null;
  username: string | null;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
  details: Record<string, unknown>;
}

export interface AccessAuditQuery {
  event?: AccessEvent;
  /** A user id, or a user name as it was at the time. */
  user?: string;
  limit: number;
  /** The id of the last entry of the previous page. */
  cursor?: string;
}

const TABLE = 'qd_access_audit';
const USER_AGENT_MAX = 500;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function recordAccessEvent(
  db: Knex | Knex.Transaction,
  source: AuditSource,
  event: AccessEvent,
  details: Record<string, unknown> = {},
): Promise<void> {
  await db(TABLE).insert({
    event,
    user_id: source.userId,
    username: source.username,
    ip: source.ip,
    user_agent: source.userAgent?.slice(0, USER_AGENT_MAX) ?? null,
    request_id: source.requestId,
    details: JSON.stringify(details),
  });
}

/** The audit row of a deploy (or a plugin change, which is one), for its `inTransaction`: a dry run writes none. */
export function auditDeploy(source: AuditSource, event: AccessEvent, details: Record<string, unknown> = {}) {
  return (trx: Knex.Transaction, applied: AppliedDeploy) =>
    recordAccessEvent(trx, source, event, { ...details, deployId: applied.deployId, documents: applied.documents });
}

/** Newest first, one page; `nextCursor` is set when there may be more. */
export async function listAccessEvents(knex: Knex, query: AccessAuditQuery): Promise<{ data: AccessAuditEntry[]; nextCursor: string | null }> {
  const rows = await knex(TABLE)
    .modify((q) => {
      if (query.event) q.where('event', query.event);
      if (query.user) q.where(UUID.test(query.user) ? 'user_id' : 'username', query.user);
      if (query.cursor) q.where('id', '<', query.cursor);
    })
    .orderBy('id', 'desc')
    .limit(query.limit + 1)
    .select('*');
  const page = rows.slice(0, query.limit).map(toEntry);
  return { data: page, nextCursor: rows.length > query.limit ? page[page.length - 1].id : null };
}

function toEntry(row: Record<string, any>): AccessAuditEntry {
  return {
    id: String(row.id),
    at: new Date(row.at).toISOString(),
    event: row.event,
    userId: row.user_id,
    username: row.username,
    ip: row.ip,
    userAgent: row.user_agent,
    requestId: row.request_id,
    details: row.details,
  };
}
