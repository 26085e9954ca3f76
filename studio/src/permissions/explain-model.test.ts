import { describe, expect, it } from 'vitest';
import type { PermissionSetDoc } from '../../../metadata/src/types.ts';
import { grantingSets } from './explain-model.ts';

const set = (name: string, rest: Partial<PermissionSetDoc>): [string, PermissionSetDoc] => [name, { kind: 'permissionSet', name, label: { 'zh-CN': name, en: name }, ...rest }];

describe("explain access's answer", () => {
  it('names the held sets that give a right, directly, by view-all or modify-all, or by an all-data right', () => {
    const sets = new Map([
      set('sales', { objects: { dealer: { read: true, update: true } } }),
      set('auditor', { objects: { dealer: { viewAll: true } } }),
      set('owner', { objects: { dealer: { modifyAll: true } } }),
      set('reader', { rights: ['viewAllData'] }),
      set('other', { objects: { product: { read: true } } }),
    ]);
    const held = ['sales', 'auditor', 'owner', 'reader', 'other', 'admin', 'unknown'];
    expect(grantingSets(sets, held, 'dealer', 'read')).toEqual(['sales', 'auditor', 'owner', 'reader', 'admin']);
    expect(grantingSets(sets, held, 'dealer', 'update')).toEqual(['sales', 'owner', 'admin']);
    expect(grantingSets(sets, held, 'dealer', 'delete')).toEqual(['owner', 'admin']);
  });
});
