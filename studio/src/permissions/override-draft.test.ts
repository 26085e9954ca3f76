import { describe, expect, it } from 'vitest';
import type { PermissionSetDoc, RoleDoc } from '../../../metadata/src/types.ts';
import { emptyModel, modelOf, permissionSetDraft } from './permission-set-model.ts';
import { roleDraft, roleValues } from './role-model.ts';
import { sameValue } from './override-draft.ts';

const pluginSet: PermissionSetDoc = {
  kind: 'permissionSet', name: 'service', label: { 'zh-CN': '售后服务', en: 'Service' },
  objects: { hospital: { read: true, update: true } },
};

describe('the documents the access editors save', () => {
  it('compares values as JSON, whatever the key order, with empty meaning unset', () => {
    expect(sameValue({ a: 1, b: [1, 2] }, { b: [1, 2], a: 1 })).toBe(true);
    expect(sameValue([], undefined)).toBe(true);
    expect(sameValue({}, undefined)).toBe(true);
    expect(sameValue(false, undefined)).toBe(true);
    expect(sameValue(['a'], undefined)).toBe(false);
  });

  it("writes a new permission set whole, without the parts it doesn't set", () => {
    const model = { ...emptyModel(), name: 'steward', label: { 'zh-CN': '专员', en: 'Steward' }, grid: { product: ['create', 'read'] as const } };
    const draft = permissionSetDraft({ ...model, grid: { product: [...model.grid.product] } }, undefined, { kind: 'permissionSet', name: 'steward' });
    expect(draft).toEqual({ kind: 'permissionSet', name: 'steward', label: { 'zh-CN': '专员', en: 'Steward' }, objects: { product: { create: true, read: true } } });
  });

  it("overrides only what the admin changed on a plugin's set, over its custom layer", () => {
    const model = modelOf(pluginSet);
    const unchanged = permissionSetDraft(model, pluginSet, { kind: 'permissionSet', name: 'service', description: { en: 'mine' } });
    expect(unchanged).toEqual({ kind: 'permissionSet', name: 'service', description: { en: 'mine' } });
    const changed = permissionSetDraft({ ...model, fields: { hospital: { beds: 'read' } }, rights: ['audit'] }, pluginSet, { kind: 'permissionSet', name: 'service' });
    expect(changed).toEqual({ kind: 'permissionSet', name: 'service', fields: { hospital: { beds: 'read' } }, rights: ['audit'] });
    const revoked = permissionSetDraft({ ...model, grid: {} }, pluginSet, { kind: 'permissionSet', name: 'service' });
    expect(revoked).toEqual({ kind: 'permissionSet', name: 'service', objects: {} });
  });

  it('moves a plugin role to the top by naming admin as its parent, and leaves a top role without one', () => {
    const engineer: RoleDoc = { kind: 'role', name: 'engineer', label: { 'zh-CN': '工程师', en: 'Engineer' }, parent: 'service_manager', permissionSets: ['service'] };
    const top = roleDraft({ ...roleValues(engineer), parent: 'admin' }, engineer, { kind: 'role', name: 'engineer' });
    expect(top).toEqual({ kind: 'role', name: 'engineer', parent: 'admin' });
    const fresh = roleDraft({ ...roleValues(undefined), name: 'auditor', label: { 'zh-CN': '审计', en: 'Auditor' }, permissionSets: ['service'] }, undefined, { kind: 'role', name: 'auditor' });
    expect(fresh).toEqual({ kind: 'role', name: 'auditor', label: { 'zh-CN': '审计', en: 'Auditor' }, permissionSets: ['service'] });
  });
});
