import { describe, expect, it } from 'vitest';
import type { RoleDoc } from '../../../metadata/src/types.ts';
import { roleTree, selfAndBelow, type RoleNode } from './role-model.ts';

const role = (name: string, parent?: string): RoleDoc => ({ kind: 'role', name, label: { 'zh-CN': name, en: name }, ...(parent ? { parent } : {}) });
const shape = (node: RoleNode): unknown => (node.children.length ? { [node.name]: node.children.map(shape) } : node.name);

describe('the role tree', () => {
  it('hangs roles without a parent (or with an unknown one) under the built-in admin, children in name order', () => {
    const tree = roleTree([role('manager', 'director'), role('rep', 'manager'), role('director'), role('clerk', 'manager'), role('lost', 'gone')]);
    expect(shape(tree)).toEqual({ admin: [{ director: [{ manager: ['clerk', 'rep'] }] }, 'lost'] });
    expect(tree.children[0].role?.name).toBe('director');
  });

  it('names a role and every role below it, the parents it may not take', () => {
    const tree = roleTree([role('manager', 'director'), role('rep', 'manager'), role('director')]);
    expect(selfAndBelow(tree, 'manager')).toEqual(['manager', 'rep']);
    expect(selfAndBelow(tree, 'new_role')).toEqual(['new_role']);
  });
});
