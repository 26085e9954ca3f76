/**
 * Creating and changing users, and passwords: each change is one transaction with its access-audit row, and a
 * change that takes access away (deactivation, a new password) ends the sessions it must in that same transaction.
 */
import type { Knex } from 'knex';
import { QudaoError, type FieldError } from '../errors/catalog.ts';
import { tableName } from '../schema-sync/names.ts';
import { recordAccessEvent, type AuditSource } from './access-audit.ts';
import { revokeTokensOf } from './api-tokens.ts';
import { checkPasswordPolicy, hashPassword, verifyPassword } from './passwords.ts';
import { endSessionsOf } from './sessions.ts';
import { checkNewUser, checkUserChange, type AccessNames, type UserChange } from './user-input.ts';
import { findUser, insertUser, updateUser, USERS, userView, type UserRow, type UserView } from './user-store.ts';

/** What the users API asks of `registry.access`, read anew on every request (it is replaced on reload). */
export interface UserAccess extends AccessNames {
  /** The object whose records portal users belong to, if one declares `access.portalAccount`. */
  readonly portalAccountObject?: string;
}

export interface UserAdminDeps {
  knex: Knex;
  access: () => UserAccess;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const versionConflict = () =>
  new QudaoError('VERSION_CONFLICT', [], { 'zh-CN': '用户已被他人修改，请刷新后重试', en: 'The user was changed by someone else; reload and retry' });
const invalid = (errors: FieldError[]) => new QudaoError('USER_INVALID', errors);
const fieldError = (field: string, rule: string, zh: string, en: string): FieldError => ({ field, rule, message: { 'zh-CN': zh, en } });

export async function findUserOrThrow(db: Knex | Knex.Transaction, id: string): Promise<UserRow> {
  const row = UUID.test(id) ? await findUser(db, { id }) : undefined;
  if (!row) throw new QudaoError('USER_NOT_FOUND', [], { 'zh-CN': `没有用户 ${id}`, en: `No user ${id}` });
  return row;
}

export async function createUserOrThrow(deps: UserAdminDeps, body: unknown, source: AuditSource): Promise<UserView> {
  const access = deps.access();
  const { value, errors } = checkNewUser(body, access);
  if (!value) throw invalid(errors);
  const accountErrors = [...await checkAccountRecord(deps.knex, access, value.accountId), ...await checkManager(deps.knex, undefined, value.managerId)];
  if (accountErrors.length) throw invalid(accountErrors);
  const passwordHash = await hashPassword(value.password);
  const taken = () => invalid([fieldError('username', 'unique', `用户名 ${value.username} 已被使用`, `The user name ${value.username} is taken`)]);
  if (await findUser(deps.knex, { username: value.username })) throw taken();
  return deps.knex.transaction(async (trx) => {
    const row = await insertUser(trx, {
      username: value.username,
      display_name: value.displayName,
      kind: value.kind,
      role: value.role,
      permission_sets: value.permissionSets,
      account_id: value.accountId,
      manager_id: value.managerId,
      email: value.email,
      password_hash: passwordHash,
    }).catch((err) => {
      throw (err as { code?: string }).code === '23505' ? taken() : err;
    });
    const created = userView(row);
    await recordAccessEvent(trx, source, 'user_created', {
      target: { id: row.id, username: row.username },
      kind: created.kind,
      role: created.role,
      permissionSets: created.permissionSets,
      accountId: created.accountId,
    });
    return created;
  });
}

/** A PATCH: `version` (in the body or If-Match) must match when given; deactivation ends sessions and revokes tokens. */
export async function changeUserOrThrow(deps: UserAdminDeps, id: string, body: unknown, ifMatch: number | undefined, source: AuditSource): Promise<UserView> {
  const current = await findUserOrThrow(deps.knex, id);
  const access = deps.access();
  const { value: change, errors } = checkUserChange(body, { kind: current.kind, accountId: current.account_id }, access);
  if (!change) throw invalid(errors);
  if (change.active === false && current.id === source.userId) {
    throw invalid([fieldError('active', 'self', '不能停用自己的账号', 'You cannot deactivate your own account')]);
  }
  const accountErrors = [
    ...(change.accountId ? await checkAccountRecord(deps.knex, access, change.accountId) : []),
    ...(change.managerId ? await checkManager(deps.knex, current.id, change.managerId) : []),
  ];
  if (accountErrors.length) throw invalid(accountErrors);
  const before = userView(current);
  const expected = change.version ?? ifMatch;
  const columns = columnsOf(change);
  if (!Object.keys(columns).length) {
    if (expected !== undefined && expected !== current.version) throw versionConflict();
    return before;
  }
  return deps.knex.transaction(async (trx) => {
    const row = await updateUser(trx, id, columns, expected);
    if (!row) throw versionConflict();
    const after = userView(row);
    const deactivated = before.active && !after.active;
    if (deactivated) {
      await endSessionsOf(trx, id);
      await revokeTokensOf(trx, id);
    }
    await recordAccessEvent(trx, source, deactivated ? 'user_deactivated' : 'user_changed', {
      target: { id, username: row.username },
      fields: Object.keys(change).filter((k) => k !== 'version'),
      changes: differences(before, after),
    });
    return after;
  });
}

/** An administrator sets a new password: it also lifts a lock, and ends the user's sessions. */
export async function resetPasswordOrThrow(deps: UserAdminDeps, id: string, body: unknown, source: AuditSource): Promise<void> {
  const user = await findUserOrThrow(deps.knex, id);
  const password = (body as { password?: unknown } | null)?.password;
  const errors = checkPasswordPolicy(password, user.username);
  if (errors.length) throw invalid(errors);
  const passwordHash = await hashPassword(password as string);
  await deps.knex.transaction(async (trx) => {
    await updateUser(trx, id, { password_hash: passwordHash, password_changed_at: new Date(), failed_logins: 0, locked_until: null });
    const endedSessions = await endSessionsOf(trx, id);
    await recordAccessEvent(trx, source, 'password_reset', { target: { id, username: user.username }, endedSessions });
  });
}

/** A user changes their own password, knowing the current one; their other sessions end. */
export async function changeOwnPasswordOrThrow(
  deps: UserAdminDeps,
  userId: string,
  body: unknown,
  keepSession: string | undefined,
  source: AuditSource,
): Promise<void> {
  const user = await findUserOrThrow(deps.knex, userId);
  const { currentPassword, newPassword } = (body !== null && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const current = typeof currentPassword === 'string' && currentPassword.length <= 1024 && user.password_hash
    ? await verifyPassword(user.password_hash, currentPassword)
    : false;
  const errors = [
    ...(current ? [] : [fieldError('currentPassword', 'wrong_password', '当前密码不正确', 'The current password is wrong')]),
    ...checkPasswordPolicy(newPassword, user.username).map((e) => ({ ...e, field: 'newPassword' })),
  ];
  if (errors.length) throw invalid(errors);
  const passwordHash = await hashPassword(newPassword as string);
  await deps.knex.transaction(async (trx) => {
    await updateUser(trx, userId, { password_hash: passwordHash, password_changed_at: new Date() });
    const endedSessions = await endSessionsOf(trx, userId, keepSession);
    await recordAccessEvent(trx, source, 'password_changed', { endedSessions });
  });
}

/** A portal user's account must be a live record of the object that declares `access.portalAccount`. */
async function checkAccountRecord(knex: Knex, access: UserAccess, accountId: string | null): Promise<FieldError[]> {
  if (accountId === null) return [];
  const object = access.portalAccountObject;
  if (!object) {
    return [fieldError('accountId', 'no_account_object', '没有对象声明 access.portalAccount，无法创建门户用户', 'No object declares access.portalAccount, so there can be no portal users')];
  }
  const found = await knex(tableName(object)).where({ id: accountId }).whereNull('deleted_at').first('id');
  return found ? [] : [fieldError('accountId', 'not_found', `${object} 中没有记录 ${accountId}`, `There is no ${object} record ${accountId}`)];
}

/** A manager is an active internal user other than the user, and never one who reports (even indirectly) to the user. */
async function checkManager(knex: Knex, userId: string | undefined, managerId: string | null): Promise<FieldError[]> {
  if (managerId === null) return [];
  if (managerId === userId) return [fieldError('managerId', 'self', '不能做自己的上级', 'A user cannot be their own manager')];
  const manager = await knex(USERS).where({ id: managerId, active: true, kind: 'internal' }).first('id');
  if (!manager) return [fieldError('managerId', 'not_found', '上级须是在职的内部用户', 'The manager must be an active internal user')];
  if (!userId) return [];
  const { rows } = await knex.raw(
    `WITH RECURSIVE chain(id) AS (SELECT ?::uuid UNION SELECT u.manager_id FROM qd_users u JOIN chain c ON u.id = c.id WHERE u.manager_id IS NOT NULL)
     SELECT 1 FROM chain WHERE id = ? LIMIT 1`,
    [managerId, userId],
  );
  return rows.length ? [fieldError('managerId', 'cycle', '上级关系不能形成循环', 'The manager chain would loop back to this user')] : [];
}

function columnsOf(change: UserChange): Partial<UserRow> {
  const columns: Partial<UserRow> = {};
  if (change.displayName !== undefined) columns.display_name = change.displayName;
  if (change.email !== undefined) columns.email = change.email;
  if (change.role !== undefined) columns.role = change.role;
  if (change.permissionSets !== undefined) columns.permission_sets = change.permissionSets;
  if (change.accountId !== undefined) columns.account_id = change.accountId;
  if (change.managerId !== undefined) columns.manager_id = change.managerId;
  if (change.active !== undefined) columns.active = change.active;
  return columns;
}

const AUDITED: (keyof UserView)[] = ['displayName', 'email', 'role', 'permissionSets', 'accountId', 'managerId', 'active'];

function differences(before: UserView, after: UserView): Record<string, { old: unknown; new: unknown }> {
  const changes: Record<string, { old: unknown; new: unknown }> = {};
  for (const key of AUDITED) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) changes[key] = { old: before[key], new: after[key] };
  }
  return changes;
}
