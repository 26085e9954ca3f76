/**
 * The role hierarchy as a tree under the built-in `admin` (a role without a parent reports to it), and what the
 * role form edits and saves.
 */
import { BUILT_IN_ADMIN } from '../../../metadata/src/check-access.ts';
import type { Label, RoleDoc } from '../../../metadata/src/types.ts';
import type { Draft } from '../api/meta.ts';
import { overrideDraft } from './override-draft.ts';

export interface RoleNode {
  name: string;
  role?: RoleDoc;
  children: RoleNode[];
}

export function roleTree(roles: readonly RoleDoc[]): RoleNode {
  const known = new Set(roles.map((r) => r.name));
  const childrenOf = new Map<string, RoleDoc[]>();
  for (const role of roles) {
    const parent = role.parent !== undefined && known.has(role.parent) ? role.parent : BUILT_IN_ADMIN;
    childrenOf.set(parent, [...(childrenOf.get(parent) ?? []), role]);
  }
  const node = (name: string, role?: RoleDoc): RoleNode => ({
    name,
    role,
    children: (childrenOf.get(name) ?? []).sort((a, b) => a.name.localeCompare(b.name)).map((child) => node(child.name, child)),
  });
  return node(BUILT_IN_ADMIN);
}

/** The role and every role below it: the parents it can't take. */
export function selfAndBelow(tree: RoleNode, name: string): string[] {
  const find = (node: RoleNode): RoleNode | undefined => node.name === name ? node : node.children.map(find).find(Boolean);
  const collect = (node: RoleNode): string[] => [node.name, ...node.children.flatMap(collect)];
  const found = find(tree);
  return found ? collect(found) : [name];
}

export interface RoleValues {
  name: string;
  label: Label;
  /** `admin` stands for the top: no parent. */
  parent: string;
  portal: boolean;
  permissionSets: string[];
}

export function roleValues(role: RoleDoc | undefined): RoleValues {
  if (!role) return { name: '', label: { 'zh-CN': '', en: '' }, parent: BUILT_IN_ADMIN, portal: false, permissionSets: [] };
  return { name: role.name, label: role.label, parent: role.parent ?? BUILT_IN_ADMIN, portal: !!role.portal, permissionSets: role.permissionSets ?? [] };
}

/** The custom-layer role to deploy. Moving a role to the top writes `admin` as its parent when a plugin gave it another. */
export function roleDraft(values: RoleValues, effective: RoleDoc | undefined, custom: Draft<'role'>): Draft<'role'> {
  const parent = values.parent === BUILT_IN_ADMIN && effective?.parent === undefined ? undefined : values.parent;
  return overrideDraft('role', custom, effective, {
    name: values.name,
    label: values.label,
    parent,
    portal: values.portal,
    permissionSets: values.permissionSets,
  });
}
