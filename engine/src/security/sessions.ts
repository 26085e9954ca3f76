/** Browser sessions: a random token in an HttpOnly cookie; the database keeps its SHA-256 and the CSRF token. */
import type { Knex } from 'knex';
import { credentialsChanged } from './credential-cache.ts';
import { newToken, tokenHash } from './secrets.ts';

const TABLE = 'qd_sessions';

export interface NewSession {
  /** The cookie's value; only its hash is stored. */
  token: string;
  csrfToken: string;
  expiresAt: Date;
}

export interface ClientInfo {
  ip: string | null;
  userAgent: string | null;
}

/** Starts a session with an absolute lifetime; expired sessions of anyone are cleared on the way. */
export async function createSession(
  db: Knex | Knex.Transaction,
  userId: string,
  client: ClientInfo,
  lifetimeMs: number,
  now = new Date(),
): Promise<NewSession> {
  await db(TABLE).where('expires_at', '<=', now).delete();
  const session = { token: newToken(), csrfToken: newToken(), expiresAt: new Date(now.getTime() + lifetimeMs) };
  await db(TABLE).insert({
    token_hash: tokenHash(session.token),
    user_id: userId,
    csrf_token: session.csrfToken,
    created_at: now,
    expires_at: session.expiresAt,
    ip: client.ip,
    user_agent: client.userAgent?.slice(0, 500) ?? null,
  });
  return session;
}

export async function deleteSession(db: Knex | Knex.Transaction, hash: string): Promise<void> {
  const [row] = await db(TABLE).where({ token_hash: hash }).delete().returning('user_id');
  if (row) await credentialsChanged(db, row.user_id);
}

/** Ends every session of a user, but the one whose hash is `keep` (the caller's own, on a password change). */
export async function endSessionsOf(db: Knex | Knex.Transaction, userId: string, keep?: string): Promise<number> {
  const ended = await db(TABLE)
    .where({ user_id: userId })
    .modify((q) => {
      if (keep) q.whereNot({ token_hash: keep });
    })
    .delete();
  await credentialsChanged(db, userId);
  return ended;
}
