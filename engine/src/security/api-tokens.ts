/** API tokens for integrations: shown once at creation, stored as SHA-256, scoped to their user, revocable. */
import type { Knex } from 'knex';
import { v7 as uuidv7 } from 'uuid';
import { credentialsChanged } from './credential-cache.ts';
import { newToken, tokenHash } from './secrets.ts';

const TABLE = 'qd_api_tokens';
export const API_TOKEN_PREFIX = 'qd_';
/** What a token looks like: a malformed one is refused without a query. */
export const API_TOKEN_PATTERN = /^qd_[A-Za-z0-9_-]{43}$/;

export interface ApiTokenView {
  id: string;
  name: string;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
}

const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());

function view(row: Record<string, any>): ApiTokenView {
  return { id: row.id, name: row.name, createdAt: iso(row.created_at)!, expiresAt: iso(row.expires_at), lastUsedAt: iso(row.last_used_at) };
}

export async function createApiToken(
  db: Knex | Knex.Transaction,
  userId: string,
  name: string,
  expiresAt: Date | null,
): Promise<ApiTokenView & { token: string }> {
  const token = newToken(API_TOKEN_PREFIX);
  const [row] = await db(TABLE)
    .insert({ id: uuidv7(), user_id: userId, name, token_hash: tokenHash(token), created_at: new Date(), expires_at: expiresAt })
    .returning('*');
  return { ...view(row), token };
}

/** The user's tokens that are not revoked (expired ones included, with their date), newest first. */
export async function listApiTokens(db: Knex, userId: string): Promise<ApiTokenView[]> {
  const rows = await db(TABLE).where({ user_id: userId }).whereNull('revoked_at').orderBy('created_at', 'desc').select('*');
  return rows.map(view);
}

/** Revokes one of the user's own tokens; the name of the token revoked, or undefined when there is none. */
export async function revokeApiToken(db: Knex | Knex.Transaction, userId: string, id: string): Promise<string | undefined> {
  const [row] = await db(TABLE).where({ id, user_id: userId }).whereNull('revoked_at').update({ revoked_at: new Date() }).returning('name');
  if (row) await credentialsChanged(db, userId);
  return row?.name;
}

export async function revokeTokensOf(db: Knex | Knex.Transaction, userId: string): Promise<number> {
  const revoked = await db(TABLE).where({ user_id: userId }).whereNull('revoked_at').update({ revoked_at: new Date() });
  await credentialsChanged(db, userId);
  return revoked;
}

/** Records a token's use at most once a minute, so a busy integration doesn't write on every request. */
export async function touchApiToken(db: Knex, id: string, lastUsedAt: Date | null, now = new Date()): Promise<void> {
  if (lastUsedAt && now.getTime() - new Date(lastUsedAt).getTime() < 60_000) return;
  await db(TABLE).where({ id }).update({ last_used_at: now });
}
