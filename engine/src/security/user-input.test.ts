import { describe, expect, it } from 'vitest';
import { checkLoginInput } from './login.ts';
import { checkNewUser, checkUserChange } from './user-input.ts';

const access = {
  knowsRole: (name: string) => ['admin', 'clerk', 'dealer_owner'].includes(name),
  knowsPermissionSet: (name: string) => name === 'sales',
  isPortalRole: (name: string) => name === 'dealer_owner',
};
const rules = (errors: { field: string; rule: string }[]) => errors.map((e) => `${e.field}:${e.rule}`);
const user = { username: 'li.wei', displayName: ' 李伟 ', kind: 'internal', password: 'Long-enough-pass-1' };

describe('checkNewUser', () => {
  it('fills the defaults and trims the display name', () => {
    expect(checkNewUser(user, access)).toEqual({
      value: { ...user, displayName: '李伟', role: null, permissionSets: [], accountId: null, managerId: null, email: null },
      errors: [],
    });
  });

  it('names every bad field, with both languages', () => {
    const { value, errors } = checkNewUser({ ...user, username: '1x', role: 'ghost', permissionSets: ['sales', 'sales'], email: 'a@b', nul: 'x' }, access);
    expect(value).toBeUndefined();
    expect(rules(errors)).toEqual(['nul:unknown_field', 'username:pattern', 'role:unknown_role', 'permissionSets:type', 'email:format']);
    expect(errors[1].message).toEqual({ 'zh-CN': expect.stringContaining('用户名'), en: expect.stringContaining('user name') });
  });

  it('wants an account for a portal user and none for an internal one', () => {
    expect(rules(checkNewUser({ ...user, kind: 'portal' }, access).errors)).toEqual(['accountId:required']);
    expect(rules(checkNewUser({ ...user, accountId: '0190a6f0-0000-7000-8000-000000000000' }, access).errors)).toEqual(['accountId:internal_user']);
  });

  it('gives portal users portal roles only, and internal users internal roles only', () => {
    const account = { accountId: '0190a6f0-0000-7000-8000-000000000000' };
    expect(rules(checkNewUser({ ...user, kind: 'portal', ...account, role: 'clerk' }, access).errors)).toEqual(['role:not_a_portal_role']);
    expect(checkNewUser({ ...user, kind: 'portal', ...account, role: 'dealer_owner' }, access).errors).toEqual([]);
    expect(rules(checkNewUser({ ...user, role: 'dealer_owner' }, access).errors)).toEqual(['role:portal_role']);
    expect(rules(checkUserChange({ role: 'dealer_owner' }, { kind: 'internal', accountId: null }, access).errors)).toEqual(['role:portal_role']);
  });

  it('refuses text with NUL, which PostgreSQL cannot store', () => {
    expect(rules(checkNewUser({ ...user, displayName: 'a\u0000b' }, access).errors)).toEqual(['displayName:format']);
  });
});

describe('checkUserChange', () => {
  const current = { kind: 'internal' as const, accountId: null };
  it('checks only the fields given', () => {
    expect(checkUserChange({ role: 'clerk', version: 3 }, current, access)).toEqual({ value: { role: 'clerk', version: 3 }, errors: [] });
    expect(rules(checkUserChange({ kind: 'portal', active: 'yes', version: 0 }, current, access).errors)).toEqual(['kind:unknown_field', 'active:type', 'version:type']);
  });
});

describe('checkLoginInput', () => {
  it('takes the name case- and space-insensitively, and refuses what is not two texts', () => {
    expect(checkLoginInput({ username: ' Li.Wei ', password: 'x' }).input).toEqual({ username: 'li.wei', password: 'x' });
    expect(rules(checkLoginInput({ username: 'a\u0000', password: 'x'.repeat(2000) }).errors)).toEqual(['username:required', 'password:required']);
    expect(rules(checkLoginInput(null).errors)).toEqual(['username:required', 'password:required']);
  });
});
