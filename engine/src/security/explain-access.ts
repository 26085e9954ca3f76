/**
 * "Explain access": whether a user may read and edit an object's records (or one record), and which grant says so.
 * It asks the very conditions RecordScope compiles into every query, one column per grant, so its answer can't
 * disagree with what the user's lists and reads return.
 */
import type { Knex } from 'knex';
import type { FieldAccessLevel, ObjectRight } from '../../../metadata/src/types.ts';
import type { AccessGrant, AccessReason } from '../../../metadata/src/ui-contract.ts';
import type { ObjectRuntime } from '../registry.ts';
import type { AccessMode, Grounds, RecordScope } from './record-scope.ts';

export interface Verdict {
  allowed: boolean;
  /** The grants that give the access, or why nothing does, in words (English)… */
  because: string[];
  /** …and as data, for a UI to say in its own language. */
  reasons: AccessReason[];
}

export interface AccessExplanation {
  object: string;
  permissionSets: readonly string[];
  objectRights: ObjectRight[];
  fields: Record<string, FieldAccessLevel>;
  /** For the object as a whole: which records the user reaches. */
  records: Record<AccessMode, Verdict>;
  /** For one record, when an id was given. */
  record?: { id: string; exists: boolean } & Record<AccessMode, Verdict>;
}

const RIGHT_FOR: Record<AccessMode, ObjectRight> = { read: 'read', edit: 'update' };

export async function explainAccess(knex: Knex, scope: RecordScope, object: ObjectRuntime, recordId?: string): Promise<AccessExplanation> {
  const grant = scope.grant(object);
  const explanation: AccessExplanation = {
    object: object.name,
    permissionSets: scope.profile.permissionSets,
    objectRights: [...grant.rights],
    fields: Object.fromEntries(object.fieldList.map((f) => [f.name, grant.fields.get(f.name) ?? 'none'])),
    records: { read: objectVerdict(scope, object, 'read'), edit: objectVerdict(scope, object, 'edit') },
  };
  if (recordId !== undefined) explanation.record = await recordVerdicts(knex, scope, object, recordId);
  return explanation;
}

const REACH_WORDS: Record<AccessReason['reach'], string> = { every: 'every record: ', some: 'some records: ', this: '' };

function describe({ reach, grant }: AccessReason, object: string): string {
  switch (grant.kind) {
    case 'noPermission': return `no permission set gives ${grant.right} on ${object}`;
    case 'noGrant': return `no grant reaches ${reach === 'this' ? 'this' : 'any'} record`;
    case 'noRecord': return 'no live record has this id';
    default: return REACH_WORDS[reach] + describeGrant(grant);
  }
}

function describeGrant(grant: AccessGrant): string {
  switch (grant.kind) {
    case 'owner': return 'owner';
    case 'roleHierarchy': return 'role hierarchy';
    case 'sharingRule': return `sharing rule ${grant.name}`;
    case 'master': return `master record (${grant.field})`;
    case 'dealerLink': return grant.via ? `dealer link ${grant.via}` : 'dealer link';
    case 'permission': return `permission ${grant.right}`;
    case 'objectAccess': return `object access ${grant.access}`;
  }
}

function verdict(allowed: boolean, reasons: AccessReason[], object: ObjectRuntime): Verdict {
  return { allowed, because: reasons.map((reason) => describe(reason, object.name)), reasons };
}

/** What the rights and grounds alone decide; the branches when it depends on the record. */
function decide(scope: RecordScope, object: ObjectRuntime, mode: AccessMode, reach: AccessReason['reach']): Verdict | Grounds['branches'] {
  const right = RIGHT_FOR[mode];
  if (!scope.can(object, 'read') || !scope.can(object, right)) return verdict(false, [{ reach, grant: { kind: 'noPermission', right } }], object);
  const grounds = scope.grounds(object, mode);
  if (grounds.all !== null) return verdict(true, [{ reach: reach === 'this' ? 'this' : 'every', grant: grounds.all }], object);
  if (!grounds.branches.length) return verdict(false, [{ reach, grant: { kind: 'noGrant' } }], object);
  return grounds.branches;
}

function objectVerdict(scope: RecordScope, object: ObjectRuntime, mode: AccessMode): Verdict {
  const decided = decide(scope, object, mode, 'every');
  return Array.isArray(decided) ? verdict(true, decided.map((b) => ({ reach: 'some', grant: b.grant })), object) : decided;
}

async function recordVerdicts(knex: Knex, scope: RecordScope, object: ObjectRuntime, id: string) {
  const { rows } = await knex.raw('SELECT 1 FROM ?? AS t WHERE t.id = ?::uuid AND t.deleted_at IS NULL', [object.table, id]);
  const exists = rows.length > 0;
  const recordVerdict = async (mode: AccessMode): Promise<Verdict> => {
    if (!exists) return verdict(false, [{ reach: 'this', grant: { kind: 'noRecord' } }], object);
    const branches = decide(scope, object, mode, 'this');
    if (!Array.isArray(branches)) return branches;
    const columns = branches.map((b, i) => `COALESCE((${b.condition.sql}), FALSE) AS g${i}`).join(', ');
    const { rows: [row] } = await knex.raw(`SELECT ${columns} FROM ?? AS t WHERE t.id = ?::uuid`,
      [...branches.flatMap((b) => b.condition.bindings), object.table, id] as Knex.RawBinding[]);
    const reaching = branches.filter((_, i) => row[`g${i}`] === true);
    return reaching.length
      ? verdict(true, reaching.map((b) => ({ reach: 'this', grant: b.grant })), object)
      : verdict(false, [{ reach: 'this', grant: { kind: 'noGrant' } }], object);
  };
  return { id, exists, read: await recordVerdict('read'), edit: await recordVerdict('edit') };
}
