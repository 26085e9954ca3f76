/** The users table: rows, what the API shows of them (never a password hash), and the queries on them. */
import type { Knex } from 'knex';
import { v7 as uuidv7 } from 'uuid';
import { credentialsChanged } from './credential-cache.ts';
import type { Principal } from './principal.ts';

export const USERS = 'qd_users';

export type UserKind = Principal['kind'];

export interface UserRow {
  id: string;
  username: string;
  display_name: string;
  kind: UserKind;
  active: boolean;
  email: string | null;
  password_hash: string | null;
  password_changed_at: Date | null;
  role: string | null;
  permission_sets: string[];
  account_id: string | null;
  manager_id: string | null;
  failed_logins: number;
  locked_until: Date | null;
  last_login_at: Date | null;
  created_at: Date;
  version: number;
}

export interface UserView {
  id: string;
  username: string;
  displayName: string;
  kind: UserKind;
  role: string | null;
  permissionSets: string[];
  accountId: string | null;
  /** Whom the user reports to: approvals route to "the manager of" a user. */
  managerId: string | null;
  email: string | null;
  active: boolean;
  /** Locked after too many failed logins, until `lockedUntil`. */
  locked: boolean;
  lockedUntil: string | null;
  lastLoginAt: string | null;
  passwordChangedAt: string | null;
  createdAt: string;
  version: number;
}

/** The columns a user is created with; everything else has a default. */
export interface NewUserRow {
  username: string;
  display_name: string;
  kind: UserKind;
  role: string | null;
  permission_sets: string[];
  account_id: string | null;
  manager_id?: string | null;
  email: string | null;
  password_hash: string;
}

export interface UserListQuery {
  kind?: UserKind;
  active?: boolean;
  role?: string;
  limit: number;
  /** The last user name of the previous page (`usernameFromCursor` of its `nextCursor`). */
  after?: string;
}

const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());

export function userView(row: UserRow, now = new Date()): UserView {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    kind: row.kind,
    role: row.role,
    permissionSets: row.permission_sets,
    accountId: row.account_id,
    managerId: row.manager_id ?? null,
    email: row.email,
    active: row.active,
    locked: row.locked_until !== null && new Date(row.locked_until) > now,
    lockedUntil: iso(row.locked_until),
    lastLoginAt: iso(row.last_login_at),
    passwordChangedAt: iso(row.password_changed_at),
    createdAt: iso(row.created_at)!,
    version: row.version,
  };
}

export function principalFromRow(row: Pick<UserRow, 'id' | 'username' | 'kind' | 'role' | 'permission_sets' | 'account_id'>): Principal {
  return {
    userId: row.id,
    username: row.username,
    kind: row.kind,
    role: row.role,
    permissionSets: row.permission_sets,
    accountId: row.account_id,
  };
}

export async function findUser(db: Knex | Knex.Transaction, where: { id: string } | { username: string }): Promise<UserRow | undefined> {
  return db<UserRow>(USERS).where(where).first();
}

export async function insertUser(db: Knex | Knex.Transaction, values: NewUserRow): Promise<UserRow> {
  const [row] = await db<UserRow>(USERS)
    .insert({ id: uuidv7(), ...values, permission_sets: textArray(db, values.permission_sets), password_changed_at: new Date() } as never)
    .returning('*');
  return row;
}

/** Applies `changes` and bumps the version; undefined when the user moved on from `expectedVersion`. */
export async function updateUser(
  db: Knex | Knex.Transaction,
  id: string,
  changes: Partial<Omit<UserRow, 'id' | 'version'>>,
  expectedVersion?: number,
): Promise<UserRow | undefined> {
  const values: Record<string, unknown> = { ...changes, version: db.raw('version + 1') };
  if (changes.permission_sets) values.permission_sets = textArray(db, changes.permission_sets);
  const [row] = await db<UserRow>(USERS)
    .where({ id })
    .modify((q) => {
      if (expectedVersion !== undefined) q.where({ version: expectedVersion });
    })
    .update(values as never)
    .returning('*');
  if (row) await credentialsChanged(db, id);
  return row;
}

/** One page by user name; the cursor is the last name of the previous page. */
export async function listUsers(db: Knex, query: UserListQuery): Promise<{ data: UserView[]; nextCursor: string | null }> {
  const { after } = query;
  const rows = await db<UserRow>(USERS)
    .modify((q) => {
      if (query.kind) q.where('kind', query.kind);
      if (query.active !== undefined) q.where('active', query.active);
      if (query.role) q.where('role', query.role);
      if (after !== undefined) q.where('username', '>', after);
    })
    .orderBy('username')
    .limit(query.limit + 1)
    .select('*');
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    data: page.map((row: UserRow) => userView(row)),
    nextCursor: rows.length > query.limit ? Buffer.from(last.username).toString('base64url') : null,
  };
}

/** The user name a page cursor stands for; undefined when the cursor isn't one of ours. */
export function usernameFromCursor(cursor: string): string | undefined {
  const name = /^[A-Za-z0-9_-]{1,100}$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
  return /^[\x21-\x7e]{1,64}$/.test(name) ? name : undefined;
}

/** An explicit text[]: the embedded driver can't tell an empty JS array's element type. */
function textArray(db: Knex | Knex.Transaction, values: readonly string[]): Knex.Raw {
  return db.raw('?::text[]', [`{${values.map((v) => `"${v.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`).join(',')}}`]);
}
