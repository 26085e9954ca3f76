/**
 * The access model compiled from the metadata: roles, permission sets and sharing rules. Rebuilt on every registry
 * reload; every decision about rights, objects and fields is answered from it without a query, and the record
 * visibility it implies is compiled into each query by record-visibility.ts.
 */
import { BUILT_IN_ADMIN } from '../../../metadata/src/check-access.ts';
import {
  ADMIN_RIGHTS, COMPUTED_FIELD_TYPES, OBJECT_RIGHTS,
  type AdminRight, type FieldAccessLevel, type MetadataDoc, type ObjectDoc, type ObjectRight,
  type PermissionSetDoc, type RoleDoc, type SharingRuleDoc,
} from '../../../metadata/src/types.ts';
import { type Principal, type RightsChecker } from './principal.ts';

/** What a principal may do with one object. */
export interface ObjectGrant {
  rights: ReadonlySet<ObjectRight>;
  /** Each live field's access for this principal; a field not here can't be read. */
  fields: ReadonlyMap<string, FieldAccessLevel>;
  /** The sharing rules that give this principal records beyond its own, per access they give. */
  sharing: { read: readonly SharingRuleDoc[]; edit: readonly SharingRuleDoc[] };
}

/** Everything the access model says about principals of one kind, role and set of permission sets. */
export interface Profile {
  portal: boolean;
  rights: ReadonlySet<AdminRight>;
  /** The roles below the principal's: what their users own, the principal sees. */
  subordinateRoles: readonly string[];
  /** Which rules and grants apply, for "explain access". */
  permissionSets: readonly string[];
  object(name: string): ObjectGrant;
}

/** The built-in `admin` permission set: every right on every object and field. */
const EVERYTHING: PermissionSetDoc = {
  kind: 'permissionSet',
  name: BUILT_IN_ADMIN,
  label: { 'zh-CN': '系统管理员', en: 'System administrator' },
  rights: [...ADMIN_RIGHTS],
};

const LEVEL_ORDER: Record<FieldAccessLevel, number> = { none: 0, read: 1, edit: 2 };
const NO_SHARING = { read: [], edit: [] };

export class AccessModel implements RightsChecker {
  private readonly roles: ReadonlyMap<string, RoleDoc>;
  private readonly sets: ReadonlyMap<string, PermissionSetDoc>;
  private readonly objects: ReadonlyMap<string, ObjectDoc>;
  private readonly sharingByObject = new Map<string, SharingRuleDoc[]>();
  private readonly children = new Map<string, string[]>();
  private readonly profiles = new Map<string, Profile>();
  /** The object whose records are the portal accounts (the pack's dealer), if one declares it. */
  readonly portalAccountObject: string | undefined;

  constructor(docs: readonly MetadataDoc[] = []) {
    const ofKind = <T extends MetadataDoc>(kind: T['kind']) => docs.filter((d): d is T => d.kind === kind);
    this.roles = new Map(ofKind<RoleDoc>('role').map((r) => [r.name, r]));
    this.sets = new Map([...ofKind<PermissionSetDoc>('permissionSet').map((s) => [s.name, s] as const), [BUILT_IN_ADMIN, EVERYTHING]]);
    this.objects = new Map(ofKind<ObjectDoc>('object').map((o) => [o.name, o]));
    for (const rule of ofKind<SharingRuleDoc>('sharingRule')) {
      this.sharingByObject.set(rule.object, [...(this.sharingByObject.get(rule.object) ?? []), rule]);
    }
    for (const role of this.roles.values()) {
      const parent = role.parent ?? BUILT_IN_ADMIN;
      this.children.set(parent, [...(this.children.get(parent) ?? []), role.name]);
    }
    this.portalAccountObject = [...this.objects.values()].find((o) => o.access?.portalAccount)?.name;
  }

  knowsRole(name: string): boolean {
    return name === BUILT_IN_ADMIN || this.roles.has(name);
  }

  knowsPermissionSet(name: string): boolean {
    return this.sets.has(name);
  }

  isPortalRole(name: string): boolean {
    return this.roles.get(name)?.portal === true;
  }

  hasRight(principal: Principal, right: AdminRight): boolean {
    return this.profile(principal).rights.has(right);
  }

  /** Profiles depend on kind, role and direct sets only, so they are shared by every user alike and kept until the next reload. */
  profile(principal: Principal): Profile {
    const key = `${principal.kind}|${principal.role ?? ''}|${[...principal.permissionSets].sort().join(',')}`;
    let profile = this.profiles.get(key);
    if (!profile) {
      profile = this.buildProfile(principal);
      this.profiles.set(key, profile);
    }
    return profile;
  }

  /** Roles above `role`, nearest first (ending with the built-in admin). */
  ancestorsOf(role: string): string[] {
    const found: string[] = [];
    const seen = new Set([role]);
    for (let parent = this.parentOf(role); parent !== undefined && !seen.has(parent); parent = this.parentOf(parent)) {
      found.push(parent);
      seen.add(parent);
    }
    return found;
  }

  private parentOf(role: string): string | undefined {
    if (role === BUILT_IN_ADMIN) return undefined;
    return this.roles.has(role) ? (this.roles.get(role)!.parent ?? BUILT_IN_ADMIN) : undefined;
  }

  private descendantsOf(role: string): string[] {
    const found: string[] = [];
    const queue = [...(this.children.get(role) ?? [])];
    while (queue.length) {
      const next = queue.shift()!;
      if (found.includes(next) || next === role) continue;
      found.push(next);
      queue.push(...(this.children.get(next) ?? []));
    }
    return found;
  }

  private buildProfile(principal: Principal): Profile {
    const portal = principal.kind === 'portal';
    const role = principal.role !== null && this.knowsRole(principal.role) ? principal.role : null;
    const setNames = [...new Set([
      ...(role === BUILT_IN_ADMIN ? [BUILT_IN_ADMIN] : this.roles.get(role ?? '')?.permissionSets ?? []),
      ...principal.permissionSets,
    ])].filter((name) => this.sets.has(name) && !(portal && name === BUILT_IN_ADMIN));
    const sets = setNames.map((name) => this.sets.get(name)!);
    // A portal user never holds an admin right or a grant beyond its dealer, whatever was assigned to it.
    const rights = new Set<AdminRight>(portal ? [] : sets.flatMap((s) => s.rights ?? []));
    const everyObject = rights.has('modifyAllData') ? OBJECT_RIGHTS : rights.has('viewAllData') ? (['read', 'viewAll'] as const) : [];
    const roleAndAbove = role === null ? [] : [role, ...this.ancestorsOf(role)];
    const grants = new Map<string, ObjectGrant>();
    const grantFor = (objectName: string): ObjectGrant => {
      const object = this.objects.get(objectName);
      if (!object) return { rights: new Set(), fields: new Map(), sharing: NO_SHARING };
      const objectRights = new Set<ObjectRight>(everyObject);
      for (const set of sets) {
        for (const right of OBJECT_RIGHTS) if (set === EVERYTHING || set.objects?.[objectName]?.[right]) objectRights.add(right);
      }
      if (portal) {
        objectRights.delete('viewAll');
        objectRights.delete('modifyAll');
        // A portal user creates only records linked to its own dealer: never a dealer, nor a record it couldn't link.
        if (object.access?.portalVia === undefined) objectRights.delete('create');
      }
      if (objectRights.has('modifyAll')) for (const r of OBJECT_RIGHTS) objectRights.add(r);
      if (objectRights.has('viewAll')) objectRights.add('read');
      return {
        rights: objectRights,
        fields: objectRights.has('read') ? fieldLevels(object, sets, objectRights) : new Map(),
        sharing: portal ? NO_SHARING : this.sharingFor(objectName, role, roleAndAbove),
      };
    };
    return {
      portal,
      rights,
      subordinateRoles: portal || role === null ? [] : this.descendantsOf(role),
      permissionSets: setNames,
      object(name) {
        let grant = grants.get(name);
        if (!grant) grants.set(name, (grant = grantFor(name)));
        return grant;
      },
    };
  }

  private sharingFor(objectName: string, role: string | null, roleAndAbove: readonly string[]): ObjectGrant['sharing'] {
    if (role === null) return NO_SHARING;
    const applies = (rule: SharingRuleDoc) =>
      rule.roles.includes(role) || (rule.includeSubordinates === true && rule.roles.some((r) => roleAndAbove.includes(r)));
    const rules = (this.sharingByObject.get(objectName) ?? []).filter(applies);
    return { read: rules, edit: rules.filter((r) => r.access === 'edit') };
  }
}

/**
 * A field's access is the best any of the principal's sets gives it: what a set says for the field, else `edit`
 * when the set may update the object and `read` when it may read it. Computed fields are read-only.
 */
function fieldLevels(object: ObjectDoc, sets: readonly PermissionSetDoc[], objectRights: ReadonlySet<ObjectRight>): Map<string, FieldAccessLevel> {
  const levels = new Map<string, FieldAccessLevel>();
  const allEverywhere = sets.includes(EVERYTHING) || objectRights.has('modifyAll');
  for (const field of object.fields) {
    if (field.removed) continue;
    let best: FieldAccessLevel = allEverywhere ? 'edit' : objectRights.has('viewAll') ? 'read' : 'none';
    for (const set of sets) {
      const granted = set.objects?.[object.name];
      if (!granted?.read && !granted?.viewAll && !granted?.modifyAll) continue;
      const level = set.fields?.[object.name]?.[field.name] ?? (granted.update || granted.modifyAll ? 'edit' : 'read');
      if (LEVEL_ORDER[level] > LEVEL_ORDER[best]) best = level;
    }
    if (best === 'edit' && COMPUTED_FIELD_TYPES.has(field.type)) best = 'read';
    if (best !== 'none') levels.set(field.name, best);
  }
  return levels;
}
