/**
 * One principal's reach into the records: which objects, which fields, and which rows, as SQL conditions that
 * every query of the records service includes. The single place where record access is decided.
 */
import { readsClock } from '../../../metadata/src/jsonlogic-fold.ts';
import { SYSTEM_FIELDS, type ObjectRight, type SharingRuleDoc } from '../../../metadata/src/types.ts';
import type { AccessGrant } from '../../../metadata/src/ui-contract.ts';
import { compileFilter, type SqlFragment } from '../records/filter-sql.ts';
import { filterResolver, type ResolverGuard } from '../records/list-query.ts';
import type { RecordData } from '../records/row-mapping.ts';
import type { ObjectRuntime } from '../registry.ts';
import type { AccessModel, ObjectGrant, Profile } from './access-model.ts';
import type { Principal } from './principal.ts';

export type AccessMode = 'read' | 'edit';

const SYSTEM = new Set<string>(SYSTEM_FIELDS);
const NOTHING: SqlFragment = { sql: 'FALSE', bindings: [] };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Conditions compiled once per object version (sharing criteria per rule and alias, dealer links per alias and
 * account), not on every request.
 */
const compiled = new WeakMap<ObjectRuntime, Map<string, SqlFragment>>();

function compiledOnce(object: ObjectRuntime, key: string, compile: () => SqlFragment): SqlFragment {
  let byKey = compiled.get(object);
  if (!byKey) compiled.set(object, (byKey = new Map()));
  let fragment = byKey.get(key);
  if (!fragment) byKey.set(key, (fragment = compile()));
  return fragment;
}

/** Whether a grant lets every live field of its object be read, so records pass through redact untouched. */
const readsEveryField = new WeakMap<ObjectGrant, boolean>();

/** Why a row is within reach: the branches of the visibility condition, each with its SQL. */
export interface Grounds {
  /** The grant that reaches every row; null when it depends on the row. */
  all: AccessGrant | null;
  branches: { grant: AccessGrant; condition: SqlFragment }[];
}

export class RecordScope implements ResolverGuard {
  readonly profile: Profile;

  constructor(
    model: AccessModel,
    readonly principal: Principal,
    private readonly objects: (name: string) => ObjectRuntime | undefined,
  ) {
    this.profile = model.profile(principal);
  }

  /** An object the principal may read; undefined otherwise (or when there is none by that name). */
  objectOf(name: string): ObjectRuntime | undefined {
    const object = this.objects(name);
    return object && this.can(object, 'read') ? object : undefined;
  }

  /**
   * A portal user's new record is linked to its own account when the object reaches the account through one
   * lookup and the record leaves it out; a different account is refused by the lookup check like any record it
   * can't see.
   */
  fillAccountLink(object: ObjectRuntime, input: RecordData): RecordData {
    const via = this.accountLink(object);
    if (via === undefined || (input[via] !== undefined && input[via] !== null)) return input;
    return { ...input, [via]: this.principal.accountId };
  }

  /** The lookup a portal user's new records of the object get their account in (`fillAccountLink`); undefined for others. */
  accountLink(object: ObjectRuntime): string | undefined {
    const via = object.doc.access?.portalVia;
    return this.profile.portal && via !== undefined && !via.includes('.') ? via : undefined;
  }

  /** A portal user may not empty the lookup that links a record to its dealer: the record would leave its reach. */
  emptiedAccountLink(object: ObjectRuntime, values: RecordData): string | undefined {
    const link = object.doc.access?.portalVia?.split('.')[0];
    return this.profile.portal && link !== undefined && Object.hasOwn(values, link) && values[link] === null ? link : undefined;
  }

  grant(object: ObjectRuntime): ObjectGrant {
    return this.profile.object(object.name);
  }

  can(object: ObjectRuntime, right: ObjectRight): boolean {
    return this.grant(object).rights.has(right);
  }

  canRead(object: ObjectRuntime, field: string): boolean {
    const grant = this.grant(object);
    return grant.rights.has('read') && (SYSTEM.has(field) || grant.fields.has(field));
  }

  canEdit(object: ObjectRuntime, field: string): boolean {
    return this.grant(object).fields.get(field) === 'edit';
  }

  /** The record without the fields the principal can't read. */
  redact(object: ObjectRuntime, record: RecordData): RecordData {
    const grant = this.grant(object);
    let every = readsEveryField.get(grant);
    if (every === undefined) readsEveryField.set(grant, (every = object.fieldList.every((f) => grant.fields.has(f.name))));
    if (every) return record;
    return Object.fromEntries(Object.entries(record).filter(([key]) => SYSTEM.has(key) || grant.fields.has(key)));
  }

  /** ResolverGuard: a related row counts when the principal may read it. */
  visibleRows(object: ObjectRuntime, alias: string): SqlFragment | null {
    return this.can(object, 'read') ? this.rows(object, 'read', alias) : NOTHING;
  }

  /** The rows the principal may read or edit, as a condition over `alias`; null when that is every row. */
  rows(object: ObjectRuntime, mode: AccessMode, alias = 't'): SqlFragment | null {
    const grounds = this.grounds(object, mode, alias);
    if (grounds.all !== null) return null;
    if (!grounds.branches.length) return NOTHING;
    return {
      sql: `(${grounds.branches.map((b) => `(${b.condition.sql})`).join(' OR ')})`,
      bindings: grounds.branches.flatMap((b) => b.condition.bindings),
    };
  }

  /** The branches of `rows`, named: what "explain access" reports, and what `rows` ORs together. */
  grounds(object: ObjectRuntime, mode: AccessMode, alias = 't'): Grounds {
    const grant = this.grant(object);
    if (this.profile.portal) return this.portalGrounds(object, mode, alias);
    if (grant.rights.has(mode === 'read' ? 'viewAll' : 'modifyAll')) {
      return { all: { kind: 'permission', right: mode === 'read' ? 'viewAll' : 'modifyAll' }, branches: [] };
    }
    const internal = object.doc.access?.internal ?? 'private';
    if (internal === 'edit' || (internal === 'read' && mode === 'read')) return { all: { kind: 'objectAccess', access: internal }, branches: [] };
    const branches: Grounds['branches'] = [
      { grant: { kind: 'owner' }, condition: { sql: `${alias}.owner_id = ?`, bindings: [this.principal.userId] } },
    ];
    if (this.profile.subordinateRoles.length) {
      branches.push({
        grant: { kind: 'roleHierarchy' },
        condition: { sql: `${alias}.owner_id IN (SELECT u.id FROM qd_users AS u WHERE u.role = ANY(?::text[]))`, bindings: [this.profile.subordinateRoles] },
      });
    }
    for (const rule of grant.sharing[mode]) {
      const sharing: AccessGrant = { kind: 'sharingRule', name: rule.name };
      if (rule.criteria === undefined) return { all: sharing, branches: [] };
      branches.push({ grant: sharing, condition: this.criteria(object, rule, alias) });
    }
    const master = this.masterCondition(object, mode, alias);
    const viaMaster: AccessGrant = { kind: 'master', field: object.doc.access?.controlledBy ?? '' };
    if (master === null) return { all: viaMaster, branches: [] };
    if (master) branches.push({ grant: viaMaster, condition: master });
    return { all: null, branches };
  }

  /**
   * "Controlled by parent": the master (through `controlledBy`) is within reach. Undefined when the object has no
   * such master; null when every master is.
   */
  private masterCondition(object: ObjectRuntime, mode: AccessMode, alias: string): SqlFragment | null | undefined {
    const via = object.doc.access?.controlledBy;
    const master = via === undefined ? undefined : this.objects(object.fields.get(via)?.target ?? '');
    if (via === undefined || !master) return undefined;
    const masterAlias = `${alias}_m`;
    const reach = this.rows(master, mode, masterAlias);
    if (reach === null) return null;
    return {
      sql: `EXISTS (SELECT 1 FROM ?? AS ${masterAlias} WHERE ${masterAlias}.id = ?? AND ${masterAlias}.deleted_at IS NULL AND (${reach.sql}))`,
      bindings: [master.table, `${alias}.${via}`, ...reach.bindings],
    };
  }

  /** A portal user reaches the rows linked to its own account (the dealer), whoever owns them, and nothing else. */
  private portalGrounds(object: ObjectRuntime, mode: AccessMode, alias: string): Grounds {
    const access = object.doc.access ?? {};
    const account = this.principal.accountId;
    if (access.portalPublic && mode === 'read') return { all: { kind: 'objectAccess', access: 'portalPublic' }, branches: [] };
    if (account === null || !UUID.test(account)) return { all: null, branches: [] };
    if (access.portalAccount) {
      return { all: null, branches: [{ grant: { kind: 'dealerLink' }, condition: { sql: `${alias}.id = ?`, bindings: [account] } }] };
    }
    if (access.portalVia === undefined) return { all: null, branches: [] };
    const via = access.portalVia;
    const link = compiledOnce(object, `portal\u0000${alias}\u0000${account}`, () =>
      compileFilter({ '==': [{ var: via }, account] }, filterResolver(object, this.objects, alias)));
    return { all: null, branches: [{ grant: { kind: 'dealerLink', via }, condition: link }] };
  }

  /** Criteria that read the clock (`today`, `now`) are compiled per query, so that they move on with it. */
  private criteria(object: ObjectRuntime, rule: SharingRuleDoc, alias: string): SqlFragment {
    const compile = () => compileFilter(rule.criteria, filterResolver(object, this.objects, alias));
    return readsClock(rule.criteria) ? compile() : compiledOnce(object, `rule\u0000${rule.name}\u0000${alias}`, compile);
  }
}
