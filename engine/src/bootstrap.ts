import type { Knex } from 'knex';
import { v7 as uuidv7 } from 'uuid';
import type { DemoUserMaker } from './plugins/data-rows.ts';
import { checkPasswordPolicy, hashPassword } from './security/passwords.ts';
import { ADMIN_ROLE } from './security/principal.ts';
import { newToken } from './security/secrets.ts';
import { USERNAME_PATTERN } from './security/user-input.ts';
import { findUser, insertUser, USERS, type UserKind } from './security/user-store.ts';

export interface BootstrapAdmin {
  id: string;
  /** Set only on the start that gave `admin` its first password: what to print, once. */
  firstPassword?: { password: string; generated: boolean };
}

/**
 * The `admin` user exists on every database. The first start gives it a password: `password` (from
 * QUDAO_ADMIN_PASSWORD) or a random one, returned so that `npm start` prints it; later starts leave it alone.
 */
export async function ensureAdminUser(knex: Knex, options: { password?: string } = {}): Promise<BootstrapAdmin> {
  const admin = await ensureAdminRow(knex);
  if (admin.password_hash) return { id: admin.id };
  const password = options.password ?? randomPassword();
  assertPolicy(password, 'admin', 'QUDAO_ADMIN_PASSWORD');
  // Two instances starting together: only the one whose update lands prints its password.
  const [set] = await knex(USERS)
    .where({ id: admin.id })
    .whereNull('password_hash')
    .update({ password_hash: await hashPassword(password), password_changed_at: new Date() })
    .returning('id');
  return set ? { id: admin.id, firstPassword: { password, generated: options.password === undefined } } : { id: admin.id };
}

/** The `admin` user, created without a password if missing (a worker needs its id; only the API sets its password). */
export async function ensureAdminRow(knex: Knex): Promise<{ id: string; password_hash: string | null }> {
  await knex(USERS)
    .insert({ id: uuidv7(), username: 'admin', display_name: 'Administrator', kind: 'internal', role: ADMIN_ROLE })
    .onConflict('username')
    .ignore();
  return (await findUser(knex, { username: 'admin' }))!;
}

export interface BootstrapUser {
  username: string;
  displayName: string;
  kind: UserKind;
  role: string | null;
  accountId?: string | null;
  password: string;
}

/** Creates the users that don't exist yet (demo users, say); returns the names it created. Existing users are left as they are. */
export async function ensureUsers(knex: Knex, users: readonly BootstrapUser[]): Promise<string[]> {
  const created: string[] = [];
  for (const user of users) {
    if (!USERNAME_PATTERN.test(user.username)) throw new Error(`${user.username} is not a valid user name (${USERNAME_PATTERN})`);
    assertPolicy(user.password, user.username, `the password of ${user.username}`);
    if (await findUser(knex, { username: user.username })) continue;
    const values = {
      username: user.username,
      display_name: user.displayName,
      kind: user.kind,
      role: user.role,
      permission_sets: [],
      account_id: user.accountId ?? null,
      email: null,
      password_hash: await hashPassword(user.password),
    };
    await knex.transaction(async (trx) => {
      if (!(await findUser(trx, { username: user.username }))) await insertUser(trx, values);
    });
    created.push(user.username);
  }
  return created;
}

/** The demo users created by this process, with the one password they share. */
export interface DemoLogins {
  password: string;
  /** Random (print it once) rather than QUDAO_DEMO_PASSWORD. */
  generated: boolean;
  created: string[];
}

/** Creates the demo users a plugin's demo data names (keeping any that exist) and remembers whom it created. */
export function demoUserMaker(knex: Knex, logins: DemoLogins): DemoUserMaker {
  return async (user) => {
    const created = await ensureUsers(knex, [{
      username: user.username,
      displayName: user.displayName,
      kind: user.kind ?? 'internal',
      role: user.role,
      accountId: user.accountId,
      password: logins.password,
    }]);
    logins.created.push(...created);
    return (await findUser(knex, { username: user.username }))!.id;
  };
}

/** Random, and within the policy (24 base64url characters: a passphrase by length). */
export function randomPassword(): string {
  for (;;) {
    const password = newToken().slice(0, 24);
    if (!checkPasswordPolicy(password, 'admin').length) return password;
  }
}

function assertPolicy(password: string, username: string, what: string): void {
  const errors = checkPasswordPolicy(password, username);
  if (errors.length) throw new Error(`${what} does not meet the password policy: ${errors.map((e) => e.message.en).join('; ')}`);
}
