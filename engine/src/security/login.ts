/**
 * Login by user name and password, with lockout: a wrong password and an unknown user give the same answer at
 * about the same cost, and an account locked after repeated failures refuses even the right password until
 * the lock ends.
 */
import type { Knex } from 'knex';
import { QudaoError, type FieldError } from '../errors/catalog.ts';
import { recordAccessEvent, type AuditSource } from './access-audit.ts';
import { burnVerification, verifyPassword } from './passwords.ts';
import { createSession, type ClientInfo, type NewSession } from './sessions.ts';
import { findUser, USERS, type UserRow } from './user-store.ts';

export interface LoginPolicy {
  lockoutAfter: number;
  lockoutMs: number;
  sessionMs: number;
}

export interface LoginInput {
  username: string;
  password: string;
}

/** Long enough for any real name or passphrase, short enough that nobody makes argon2 hash a megabyte. */
const MAX_INPUT = 1024;

/** The body's shape only: a name that doesn't exist is LOGIN_FAILED, like a wrong password. */
export function checkLoginInput(body: unknown): { input?: LoginInput; errors: FieldError[] } {
  const { username, password } = (body !== null && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const errors: FieldError[] = [];
  const text = (value: unknown, field: string, zh: string, en: string) => {
    if (typeof value === 'string' && value.length > 0 && value.length <= MAX_INPUT && !value.includes('\0')) return true;
    errors.push({ field, rule: 'required', message: { 'zh-CN': `请填写${zh}`, en: `${en} is required (a text of at most ${MAX_INPUT} characters)` } });
    return false;
  };
  const ok = [text(username, 'username', '用户名', 'The user name'), text(password, 'password', '密码', 'The password')].every(Boolean);
  return ok ? { input: { username: (username as string).trim().toLowerCase(), password: password as string }, errors } : { errors };
}

const loginFailed = () => new QudaoError('LOGIN_FAILED');

function locked(until: Date, now: Date): QudaoError {
  const minutes = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
  return new QudaoError(
    'LOCKED',
    [],
    { 'zh-CN': `连续登录失败次数过多，账号已锁定，请 ${minutes} 分钟后再试或联系管理员重置密码`, en: `Too many failed logins in a row: the account is locked; try again in ${minutes} minute(s) or ask an administrator to reset the password` },
    { lockedUntil: until.toISOString() },
  );
}

/** Checks the password and starts a session; every outcome leaves an audit row. */
export async function loginOrThrow(
  knex: Knex,
  input: LoginInput,
  client: ClientInfo & { requestId: string | null },
  policy: LoginPolicy,
): Promise<{ user: UserRow; session: NewSession }> {
  const now = new Date();
  const user = await findUser(knex, { username: input.username });
  const source: AuditSource = { ...client, userId: user?.id ?? null, username: input.username };
  const refuse = async (reason: string, error: QudaoError) => {
    await recordAccessEvent(knex, source, 'login_failed', { username: input.username, reason });
    return error;
  };
  if (!user || !user.active || !user.password_hash) {
    await burnVerification(input.password);
    throw await refuse(!user ? 'unknown_user' : !user.active ? 'inactive' : 'no_password', loginFailed());
  }
  if (user.locked_until && user.locked_until > now) throw await refuse('locked', locked(user.locked_until, now));
  if (!(await verifyPassword(user.password_hash, input.password))) throw await failedAttempt(knex, user, source, policy, now);
  const started = await knex.transaction(async (trx) => {
    // The lock is checked again in the write: a lock set since the read above still refuses.
    const [row] = await trx<UserRow>(USERS)
      .where({ id: user.id, active: true })
      .where((q) => q.whereNull('locked_until').orWhere('locked_until', '<=', now))
      .update({ failed_logins: 0, locked_until: null, last_login_at: now })
      .returning('*');
    if (!row) return undefined;
    const session = await createSession(trx, row.id, client, policy.sessionMs, now);
    await recordAccessEvent(trx, source, 'login', { kind: row.kind });
    return { user: row, session };
  });
  if (!started) throw await refuse('locked', loginFailed());
  return started;
}

/** Counts a wrong password; the one that reaches the limit locks the account (and starts the count afresh). */
async function failedAttempt(knex: Knex, user: UserRow, source: AuditSource, policy: LoginPolicy, now: Date): Promise<QudaoError> {
  const until = new Date(now.getTime() + policy.lockoutMs);
  return knex.transaction(async (trx) => {
    const [row] = await trx<UserRow>(USERS)
      .where({ id: user.id })
      .update({
        failed_logins: trx.raw('CASE WHEN failed_logins + 1 >= ? THEN 0 ELSE failed_logins + 1 END', [policy.lockoutAfter]),
        locked_until: trx.raw('CASE WHEN failed_logins + 1 >= ? THEN ?::timestamptz ELSE locked_until END', [policy.lockoutAfter, until]),
      } as never)
      .returning(['failed_logins', 'locked_until']);
    const lockedNow = row.locked_until !== null && new Date(row.locked_until).getTime() === until.getTime();
    await recordAccessEvent(trx, source, 'login_failed', { username: user.username, reason: 'wrong_password' });
    if (!lockedNow) return loginFailed();
    await recordAccessEvent(trx, source, 'locked', { until: until.toISOString(), after: policy.lockoutAfter });
    return locked(until, now);
  });
}
