/**
 * Resolved credentials (a session or an API token, by the hash of its secret), kept a few seconds so that a request
 * needs no query to know who it is. Whatever can take access away (a logout, a revoked token, a deactivation, a new
 * role or password) calls `credentialsChanged` in its own transaction: it NOTIFYs every instance (which LISTEN on
 * AUTH_CHANNEL and forget the user) and forgets the user in this process once the transaction has committed. The
 * cache is per process, shared by the apps in it; the time limit is only a safety net for a lost notification.
 */
import type { Knex } from 'knex';
import type { Principal } from './principal.ts';

/** Who a request is, as authenticate.ts resolves it. */
export interface Authentication {
  principal: Principal;
  displayName: string;
  /** Set when the request came with the session cookie. */
  session?: { tokenHash: string; csrfToken: string };
}

export const AUTH_CHANNEL = 'qd_auth';
const KEEP_MS = 30_000;
const MAX_ENTRIES = 10_000;

interface Entry {
  auth: Authentication;
  until: number;
}

class CredentialCache {
  private readonly entries = new Map<string, Entry>();
  /** Bumped by every forget: a lookup that started before one doesn't keep what it read (it may be stale). */
  generation = 0;

  get(hash: string, now: number): Authentication | undefined {
    const entry = this.entries.get(hash);
    if (!entry) return undefined;
    if (entry.until > now) return entry.auth;
    this.entries.delete(hash);
    return undefined;
  }

  /** Kept until the credential expires, at most KEEP_MS, unless something was forgotten since `readAt` (a generation). */
  set(hash: string, auth: Authentication, expiresAt: number | null, now: number, readAt: number): void {
    if (readAt !== this.generation) return;
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    this.entries.set(hash, { auth, until: Math.min(expiresAt ?? Number.POSITIVE_INFINITY, now + KEEP_MS) });
  }

  forgetUser(userId: string): void {
    this.generation++;
    for (const [hash, entry] of this.entries) if (entry.auth.principal.userId === userId) this.entries.delete(hash);
  }

  clear(): void {
    this.generation++;
    this.entries.clear();
  }
}

export const credentialCache = new CredentialCache();

/** See the module comment: every instance forgets the user's cached credentials once `db`'s change is committed. */
export async function credentialsChanged(db: Knex | Knex.Transaction, userId: string): Promise<void> {
  await db.raw('SELECT pg_notify(?, ?)', [AUTH_CHANNEL, userId]);
  const forget = () => credentialCache.forgetUser(userId);
  if ('executionPromise' in db && db.isTransaction) db.executionPromise.then(forget, forget);
  else forget();
}
