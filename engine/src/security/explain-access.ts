/**
 * "Explain access": whether a user may read and edit an object's records (or one record), and which grant says so.
 * It asks the very conditions RecordScope compiles into every query, one column per grant, so its answer can't
 * disagree with what the user's lists and reads return.
 */
import type { Knex } from 'knex';
import type { FieldAccessLevel, ObjectRight } from '../../../metadata/src/types.ts';
import type { ObjectRuntime } from '../registry.ts';
import type { AccessMode, Grounds, RecordScope } from './record-scope.ts';

export interface Verdict {
  allowed: boolean;
  /** The grants that give the access, or why nothing does. */
  because: string[];
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

/** What the rights and grounds alone decide; the branches when it depends on the record. */
function decide(scope: RecordScope, object: ObjectRuntime, mode: AccessMode, every: string): Verdict | Grounds['branches'] {
  const right = RIGHT_FOR[mode];
  if (!scope.can(object, 'read') || !scope.can(object, right)) return { allowed: false, because: [`no permission set gives ${right} on ${object.name}`] };
  const grounds = scope.grounds(object, mode);
  if (grounds.all !== null) return { allowed: true, because: [`${every}${grounds.all}`] };
  if (!grounds.branches.length) return { allowed: false, because: ['no grant reaches any record'] };
  return grounds.branches;
}

function objectVerdict(scope: RecordScope, object: ObjectRuntime, mode: AccessMode): Verdict {
  const decided = decide(scope, object, mode, 'every record: ');
  return Array.isArray(decided) ? { allowed: true, because: decided.map((b) => `some records: ${b.reason}`) } : decided;
}

async function recordVerdicts(knex: Knex, scope: RecordScope, object: ObjectRuntime, id: string) {
  const { rows } = await knex.raw('SELECT 1 FROM ?? AS t WHERE t.id = ?::uuid AND t.deleted_at IS NULL', [object.table, id]);
  const exists = rows.length > 0;
  const verdict = async (mode: AccessMode): Promise<Verdict> => {
    if (!exists) return { allowed: false, because: ['no live record has this id'] };
    const branches = decide(scope, object, mode, '');
    if (!Array.isArray(branches)) return branches;
    const columns = branches.map((b, i) => `COALESCE((${b.condition.sql}), FALSE) AS g${i}`).join(', ');
    const { rows: [row] } = await knex.raw(`SELECT ${columns} FROM ?? AS t WHERE t.id = ?::uuid`,
      [...branches.flatMap((b) => b.condition.bindings), object.table, id] as Knex.RawBinding[]);
    const because = branches.filter((_, i) => row[`g${i}`] === true).map((b) => b.reason);
    return because.length ? { allowed: true, because } : { allowed: false, because: ['no grant reaches this record'] };
  };
  return { id, exists, read: await verdict('read'), edit: await verdict('edit') };
}
