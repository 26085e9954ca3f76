/**
 * Checks of the users API's bodies. They collect field errors (zh-CN and en) and return them; the service that
 * writes throws. Whether a role or permission set exists is the access model's to say.
 */
import type { FieldError } from '../errors/catalog.ts';
import { checkPasswordPolicy } from './passwords.ts';
import type { UserKind, UserView } from './user-store.ts';

export const USERNAME_PATTERN = /^[a-z][a-z0-9_.-]{2,47}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const KINDS: readonly UserKind[] = ['internal', 'portal'];
const DISPLAY_NAME_MAX = 200;
const EMAIL_MAX = 254;
const PERMISSION_SETS_MAX = 50;

/** What the access model knows; `registry.access` answers. */
export interface AccessNames {
  knowsRole(name: string): boolean;
  knowsPermissionSet(name: string): boolean;
  isPortalRole(name: string): boolean;
}

/** What the API shows of a user, as far as a new user gives it, and its password. */
export type NewUser = Pick<UserView, 'username' | 'displayName' | 'kind' | 'role' | 'permissionSets' | 'accountId' | 'managerId' | 'email'> & { password: string };

export type UserChange = Partial<Pick<UserView, 'displayName' | 'email' | 'role' | 'permissionSets' | 'accountId' | 'managerId' | 'active' | 'version'>>;

const CREATE_KEYS = ['username', 'displayName', 'kind', 'role', 'permissionSets', 'accountId', 'managerId', 'email', 'password'];
const CHANGE_KEYS = ['displayName', 'email', 'role', 'permissionSets', 'accountId', 'managerId', 'active', 'version'];

const error = (field: string, rule: string, zh: string, en: string): FieldError => ({ field, rule, message: { 'zh-CN': zh, en } });

type Body = Record<string, unknown>;
type Checked<T> = { value?: T; errors: FieldError[] };

function asBody(body: unknown, keys: readonly string[]): { body: Body; errors: FieldError[] } {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return { body: {}, errors: [error('', 'type', '请求体须为 JSON 对象', 'The body must be a JSON object')] };
  }
  const unknown = Object.keys(body).filter((key) => !keys.includes(key));
  // PostgreSQL text can't hold NUL; no name, label or address needs it.
  const withNul = keys.filter((key) => hasNul((body as Body)[key]));
  return {
    body: body as Body,
    errors: [
      ...unknown.map((key) => error(key, 'unknown_field', `未知字段 ${key}；可用：${keys.join(', ')}`, `Unknown field ${key}; known: ${keys.join(', ')}`)),
      ...withNul.map((key) => error(key, 'format', '不能包含 NUL 字符', 'must not contain a NUL character')),
    ],
  };
}

const hasNul = (value: unknown): boolean => (typeof value === 'string' ? value.includes('\0') : Array.isArray(value) && value.some(hasNul));

const checks = {
  username(value: unknown): FieldError[] {
    return typeof value === 'string' && USERNAME_PATTERN.test(value)
      ? []
      : [error('username', 'pattern', '用户名须以小写字母开头，由 3–48 个小写字母、数字、_ . - 组成', 'The user name must start with a lower-case letter and have 3–48 lower-case letters, digits, _ . or -')];
  },
  displayName(value: unknown): FieldError[] {
    return typeof value === 'string' && value.trim().length > 0 && value.length <= DISPLAY_NAME_MAX
      ? []
      : [error('displayName', 'required', `请填写显示名称（最多 ${DISPLAY_NAME_MAX} 个字符）`, `The display name is required (at most ${DISPLAY_NAME_MAX} characters)`)];
  },
  kind(value: unknown): FieldError[] {
    return KINDS.includes(value as UserKind) ? [] : [error('kind', 'option', '用户类型须为 internal 或 portal', 'The kind must be internal or portal')];
  },
  email(value: unknown): FieldError[] {
    return value === null || (typeof value === 'string' && value.length <= EMAIL_MAX && EMAIL.test(value))
      ? []
      : [error('email', 'format', '邮箱格式不正确', 'The email address is not valid')];
  },
  role(value: unknown, access: AccessNames): FieldError[] {
    if (value === null) return [];
    if (typeof value !== 'string') return [error('role', 'type', '角色须为角色名或 null', 'The role must be a role name or null')];
    return access.knowsRole(value) ? [] : [error('role', 'unknown_role', `没有角色 ${value}`, `There is no role ${value}`)];
  },
  permissionSets(value: unknown, access: AccessNames): FieldError[] {
    if (!Array.isArray(value) || value.length > PERMISSION_SETS_MAX || !value.every((v) => typeof v === 'string') || new Set(value).size !== value.length) {
      return [error('permissionSets', 'type', `权限集须为不重复的名称数组（最多 ${PERMISSION_SETS_MAX} 个）`, `The permission sets must be an array of distinct names (at most ${PERMISSION_SETS_MAX})`)];
    }
    return (value as string[])
      .filter((name) => !access.knowsPermissionSet(name))
      .map((name) => error('permissionSets', 'unknown_permission_set', `没有权限集 ${name}`, `There is no permission set ${name}`));
  },
  managerId(value: unknown): FieldError[] {
    return value === null || (typeof value === 'string' && UUID.test(value))
      ? []
      : [error('managerId', 'type', '上级须为用户 id 或 null', 'The manager must be a user id or null')];
  },
  active(value: unknown): FieldError[] {
    return typeof value === 'boolean' ? [] : [error('active', 'type', 'active 须为 true 或 false', 'active must be true or false')];
  },
  version(value: unknown): FieldError[] {
    return Number.isInteger(value) && (value as number) >= 1 ? [] : [error('version', 'type', 'version 须为正整数', 'version must be a positive integer')];
  },
};

/** A portal user belongs to exactly one account record; an internal user to none. */
function checkAccount(kind: UserKind, accountId: unknown): FieldError[] {
  if (kind === 'portal') {
    return typeof accountId === 'string' && UUID.test(accountId)
      ? []
      : [error('accountId', 'required', '门户用户须指定所属经销商记录（accountId）', 'A portal user needs the id of its account record (accountId)')];
  }
  return accountId === null || accountId === undefined
    ? []
    : [error('accountId', 'internal_user', '内部用户不能有 accountId', 'An internal user has no accountId')];
}

/** A portal user holds a portal role (or none), an internal user an internal one. */
function checkRoleKind(kind: UserKind, role: unknown, access: AccessNames): FieldError[] {
  if (typeof role !== 'string' || !access.knowsRole(role) || access.isPortalRole(role) === (kind === 'portal')) return [];
  return kind === 'portal'
    ? [error('role', 'not_a_portal_role', `门户用户只能担任门户角色，${role} 不是`, `A portal user can only hold a portal role; ${role} is not one`)]
    : [error('role', 'portal_role', `${role} 是门户角色，内部用户不能担任`, `${role} is a portal role, not for internal users`)];
}

export function checkNewUser(input: unknown, access: AccessNames): Checked<NewUser> {
  const { body, errors } = asBody(input, CREATE_KEYS);
  const { role = null, permissionSets = [], accountId = null, managerId = null, email = null } = body;
  errors.push(
    ...checks.username(body.username),
    ...checks.displayName(body.displayName),
    ...checks.kind(body.kind),
    ...checks.role(role, access),
    ...checks.permissionSets(permissionSets, access),
    ...checks.email(email),
    ...checks.managerId(managerId),
  );
  if (KINDS.includes(body.kind as UserKind)) errors.push(...checkAccount(body.kind as UserKind, accountId), ...checkRoleKind(body.kind as UserKind, role, access));
  errors.push(...checkPasswordPolicy(body.password, typeof body.username === 'string' ? body.username : ''));
  if (errors.length) return { errors };
  const value = { ...(body as unknown as NewUser), displayName: (body.displayName as string).trim(), role, permissionSets, accountId, managerId, email } as NewUser;
  return { value, errors };
}

/** Checks a PATCH against the user it changes (the kind decides whether accountId may or must be set). */
export function checkUserChange(input: unknown, current: { kind: UserKind; accountId: string | null }, access: AccessNames): Checked<UserChange> {
  const { body, errors } = asBody(input, CHANGE_KEYS);
  for (const key of CHANGE_KEYS) {
    if (!(key in body)) continue;
    errors.push(...(key === 'accountId' ? [] : checks[key as Exclude<keyof typeof checks, 'username' | 'kind'>](body[key], access)));
  }
  if ('accountId' in body) errors.push(...checkAccount(current.kind, body.accountId));
  if ('role' in body) errors.push(...checkRoleKind(current.kind, body.role, access));
  if (errors.length) return { errors };
  const value = { ...body } as UserChange;
  if (value.displayName !== undefined) value.displayName = value.displayName.trim();
  return { value, errors };
}
