import { describe, expect, it } from 'vitest';
import { checkDocuments } from './check-documents.ts';
import type { MetadataDoc } from './types.ts';

const label = { 'zh-CN': '测试', en: 'Test' };
const lookup = (name: string, target: string) => ({ name, type: 'lookup' as const, target, label });
const objects: MetadataDoc[] = [
  { kind: 'object', name: 'account', label, fields: [{ name: 'name', type: 'text', label }], access: { portalAccount: true } },
  { kind: 'object', name: 'deal', label, fields: [lookup('account', 'account'), { name: 'margin', type: 'money', label }], access: { portalVia: 'account', controlledBy: 'account' } },
  { kind: 'object', name: 'line', label, fields: [lookup('deal', 'deal')], access: { portalVia: 'deal.account' } },
];
const codes = (docs: MetadataDoc[]) => checkDocuments([...objects, ...docs]).map((p) => `${p.document?.name}${p.path} ${p.code}`);

describe('access documents', () => {
  it('accept a consistent set', () => {
    expect(codes([
      { kind: 'permissionSet', name: 'sales', label, objects: { deal: { read: true, update: true } }, fields: { deal: { margin: 'none' } } },
      { kind: 'role', name: 'manager', label, permissionSets: ['sales'] },
      { kind: 'role', name: 'rep', label, parent: 'manager', permissionSets: ['sales'] },
      { kind: 'sharingRule', name: 'big', label, object: 'deal', roles: ['rep'], access: 'read' },
    ])).toEqual([]);
  });

  it('refuse unknown references, by path', () => {
    expect(codes([
      { kind: 'permissionSet', name: 'sales', label, objects: { nope: { read: true } }, fields: { deal: { nope: 'read' } } },
      { kind: 'role', name: 'rep', label, parent: 'ghost', permissionSets: ['missing'] },
      { kind: 'sharingRule', name: 'big', label, object: 'deal', roles: ['ghost'], access: 'read' },
    ])).toEqual([
      'sales/objects/nope unknown_object',
      'sales/fields/deal/nope unknown_field',
      'rep/parent unknown_role',
      'rep/permissionSets/0 unknown_permission_set',
      'big/roles/0 unknown_role',
    ]);
  });

  it('refuse a role cycle, the built-in name, and admin rights on a portal role', () => {
    expect(codes([
      { kind: 'role', name: 'a', label, parent: 'b' },
      { kind: 'role', name: 'b', label, parent: 'a' },
      { kind: 'role', name: 'admin', label },
      { kind: 'permissionSet', name: 'ops', label, rights: ['deploy'] },
      { kind: 'role', name: 'dealer', label, portal: true, permissionSets: ['ops'] },
    ])).toEqual([
      'a/parent role_cycle',
      'b/parent role_cycle',
      'admin/name reserved_name',
      'dealer/permissionSets/0 portal_admin',
    ]);
  });

  it('refuse a portal link that does not reach the account object, and a controlledBy that is no lookup', () => {
    const broken: MetadataDoc = { kind: 'object', name: 'note', label, fields: [{ name: 'body', type: 'text', label }], access: { portalVia: 'body', controlledBy: 'body' } };
    expect(codes([broken])).toEqual(['note/access/controlledBy controlled_by', 'note/access/portalVia portal_via']);
  });
});
