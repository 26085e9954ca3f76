/**
 * Semantic checks of the access documents (`role`, `permissionSet`, `sharingRule`) and of objects' `access`.
 * Whether a sharing rule's criteria run in the database is the engine's to say (engine/src/deploy/check-filters.ts).
 */
import { checkName } from './names.ts';
import { inDocument, problem, unknownField, unknownObject } from './problem.ts';
import type { MetadataDoc, ObjectDoc, PermissionSetDoc, Problem, RoleDoc, SharingRuleDoc } from './types.ts';
import { liveField, type ObjectsByName } from './var-scope.ts';

/** The built-in role and permission set that hold every right; documents can't take their name. */
export const BUILT_IN_ADMIN = 'admin';

export interface AccessScope {
  objects: ObjectsByName;
  roles: ReadonlyMap<string, RoleDoc>;
  permissionSets: ReadonlyMap<string, PermissionSetDoc>;
}

export function accessScope(docs: readonly MetadataDoc[], objects: ObjectsByName): AccessScope {
  const byKind = <T extends MetadataDoc>(kind: T['kind']) =>
    new Map(docs.filter((d): d is T => d.kind === kind).map((d) => [d.name, d]));
  return { objects, roles: byKind<RoleDoc>('role'), permissionSets: byKind<PermissionSetDoc>('permissionSet') };
}

const builtIn = (doc: RoleDoc | PermissionSetDoc) => doc.name === BUILT_IN_ADMIN
  ? [problem('/name', 'reserved_name', `${BUILT_IN_ADMIN} 是内置的，不能部署`, `${BUILT_IN_ADMIN} is built in and can't be deployed`)]
  : [];

const roleExists = (name: string, scope: AccessScope) => name === BUILT_IN_ADMIN || scope.roles.has(name);

function unknownRole(path: string, name: string): Problem {
  return problem(path, 'unknown_role', `未知角色 ${name}`, `unknown role ${name}`);
}

export function checkRole(role: RoleDoc, scope: AccessScope): Problem[] {
  const problems = [...checkName(role.name, '/name'), ...builtIn(role)];
  if (role.parent !== undefined && !roleExists(role.parent, scope)) problems.push(unknownRole('/parent', role.parent));
  if (role.portal && role.parent !== undefined && !scope.roles.get(role.parent)?.portal) {
    problems.push(problem('/parent', 'portal_parent', '门户角色只能隶属于门户角色', 'a portal role can only report to a portal role'));
  }
  if (roleCycle(role, scope)) {
    problems.push(problem('/parent', 'role_cycle', `角色 ${role.name} 的上级链形成了循环`, `the parents of role ${role.name} form a cycle`));
  }
  (role.permissionSets ?? []).forEach((name, i) => {
    const set = scope.permissionSets.get(name);
    if (!set && name !== BUILT_IN_ADMIN) {
      problems.push(problem(`/permissionSets/${i}`, 'unknown_permission_set', `未知权限集 ${name}`, `unknown permission set ${name}`));
    } else if (role.portal && (name === BUILT_IN_ADMIN || set?.rights?.length || grantsEverything(set))) {
      problems.push(problem(`/permissionSets/${i}`, 'portal_admin',
        `门户角色不能持有管理权限或"查看全部/修改全部"（权限集 ${name}）`,
        `a portal role can't hold admin rights, view all or modify all (permission set ${name})`));
    }
  });
  return inDocument(problems, role);
}

function grantsEverything(set: PermissionSetDoc | undefined): boolean {
  return Object.values(set?.objects ?? {}).some((rights) => rights.viewAll || rights.modifyAll);
}

function roleCycle(role: RoleDoc, scope: AccessScope): boolean {
  const seen = new Set([role.name]);
  for (let parent = role.parent; parent !== undefined; parent = scope.roles.get(parent)?.parent) {
    if (seen.has(parent)) return true;
    seen.add(parent);
  }
  return false;
}

export function checkPermissionSet(set: PermissionSetDoc, scope: AccessScope): Problem[] {
  const problems = [...checkName(set.name, '/name'), ...builtIn(set)];
  for (const name of Object.keys(set.objects ?? {})) {
    if (!scope.objects.has(name)) problems.push(unknownObject(name, `/objects/${name}`));
  }
  for (const [objectName, fields] of Object.entries(set.fields ?? {})) {
    const object = scope.objects.get(objectName);
    if (!object) { problems.push(unknownObject(objectName, `/fields/${objectName}`)); continue; }
    for (const field of Object.keys(fields)) {
      if (!liveField(object, field)) problems.push(unknownField(`/fields/${objectName}/${field}`, field, objectName));
    }
  }
  return inDocument(problems, set);
}

export function checkSharingRule(rule: SharingRuleDoc, scope: AccessScope): Problem[] {
  const problems = [...checkName(rule.name, '/name')];
  if (!scope.objects.has(rule.object)) problems.push(unknownObject(rule.object));
  rule.roles.forEach((name, i) => {
    if (!roleExists(name, scope)) problems.push(unknownRole(`/roles/${i}`, name));
    else if (scope.roles.get(name)?.portal) {
      problems.push(problem(`/roles/${i}`, 'portal_role',
        '共享规则只对内部角色生效；门户用户按其经销商看数据', 'sharing rules are for internal roles; portal users see by their dealer'));
    }
  });
  return inDocument(problems, rule);
}

/** An object's `access`: one portal account object, and portal links that reach it through lookups. */
export function checkObjectAccess(object: ObjectDoc, objects: ObjectsByName): Problem[] {
  const access = object.access;
  if (!access) return [];
  const problems: Problem[] = [];
  const accounts = [...objects.values()].filter((o) => o.access?.portalAccount);
  const chosen = [access.portalAccount, access.portalVia !== undefined, access.portalPublic].filter(Boolean).length;
  if (chosen > 1) {
    problems.push(problem('/access', 'portal_choice', 'portalAccount、portalVia、portalPublic 只能选一个',
      'choose one of portalAccount, portalVia and portalPublic'));
  }
  if (access.portalAccount && accounts.length > 1) {
    problems.push(problem('/access/portalAccount', 'portal_account_twice',
      `只能有一个门户账户对象（现有：${accounts.map((o) => o.name).join('、')}）`,
      `there can be only one portal account object (now: ${accounts.map((o) => o.name).join(', ')})`));
  }
  if (access.controlledBy !== undefined) {
    const master = followLookups(object, [access.controlledBy], objects);
    if (!master) {
      problems.push(problem('/access/controlledBy', 'controlled_by', `${access.controlledBy} 须是查找字段`, `${access.controlledBy} must be a lookup field`));
    } else if (controlCycle(object, objects)) {
      problems.push(problem('/access/controlledBy', 'controlled_by_cycle', `${object.name} 的上级记录链形成了循环`, `the masters of ${object.name} form a cycle`));
    }
  }
  if (access.portalVia !== undefined) {
    const reached = followLookups(object, access.portalVia.split('.'), objects);
    if (!reached?.access?.portalAccount) {
      problems.push(problem('/access/portalVia', 'portal_via',
        `${access.portalVia} 须是经查找字段到达门户账户对象的路径`,
        `${access.portalVia} must be a path of lookup fields that reaches the portal account object`));
    }
  }
  return problems;
}

function followLookups(object: ObjectDoc, steps: string[], objects: ObjectsByName): ObjectDoc | undefined {
  let current: ObjectDoc | undefined = object;
  for (const step of steps) {
    const field: ReturnType<typeof liveField> = current && liveField(current, step);
    if (!field || (field.type !== 'lookup' && field.type !== 'master_detail')) return undefined;
    current = objects.get(field.target ?? '');
  }
  return current;
}

function controlCycle(object: ObjectDoc, objects: ObjectsByName): boolean {
  const seen = new Set([object.name]);
  for (let current = object; current.access?.controlledBy !== undefined;) {
    const master = followLookups(current, [current.access.controlledBy], objects);
    if (!master) return false;
    if (seen.has(master.name)) return true;
    seen.add(master.name);
    current = master;
  }
  return false;
}
