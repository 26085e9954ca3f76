/**
 * Rules, formulas and conditions may read across one or two lookups (`dealer.tier`, `dealer.parent.tier`).
 * Before they run, the related records they read are fetched in ONE query per write, never one per rule.
 */
import type { Knex } from 'knex';
import { collectVars } from '../../../metadata/src/jsonlogic-vars.ts';
import type { FieldDef, ObjectDoc, ValidationRuleDoc } from '../../../metadata/src/types.ts';
import { tableName } from '../schema-sync/names.ts';

type RecordData = Record<string, unknown>;

/** The related fields an object's expressions read: lookup field → the paths below it, e.g. dealer → [tier, parent.tier]. */
export type RelatedPaths = Map<string, string[]>;

const MAX_DEPTH = 2;
/** `{{dealer.name}}` in a rule's message reads through a lookup too. */
const TEMPLATE_PATH = /\{\{\s*([a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)+)\s*\}\}/g;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isLookup = (field: FieldDef | undefined) => field !== undefined && (field.type === 'lookup' || field.type === 'master_detail') && !field.removed;

export function relatedPaths(object: ObjectDoc, rules: readonly ValidationRuleDoc[]): RelatedPaths {
  const expressions = [
    ...rules.map((r) => r.errorWhen),
    ...object.fields.flatMap((f) => [f.expression, f.defaultExpression, f.requiredWhen, f.readOnlyWhen]),
  ].filter((e) => e !== undefined);
  const messageVars = rules.flatMap((r) => Object.values(r.message).flatMap((m) => [...m.matchAll(TEMPLATE_PATH)].map((match) => match[1])));
  return pathsOfVars(object, [...expressions.flatMap((e) => collectVars(e).map((v) => v.name)), ...messageVars]);
}

/** The lookup paths among variable names (`dealer.tier` → dealer: [tier]); plain fields and deeper paths are left out. */
export function pathsOfVars(object: ObjectDoc, names: readonly string[]): RelatedPaths {
  const paths: RelatedPaths = new Map();
  for (const name of names) {
    const [head, ...rest] = name.split('.');
    if (!rest.length || rest.length > MAX_DEPTH || !isLookup(object.fields.find((f) => f.name === head))) continue;
    paths.set(head, [...new Set([...(paths.get(head) ?? []), rest.join('.')])]);
  }
  return paths;
}

/**
 * The related records of `record` as the expressions will see them: `dealer` becomes `{ id, tier, parent: { id, tier } }`.
 * Lookups that are empty, malformed or point at a deleted record become null.
 */
export async function preloadRelated(
  knex: Knex,
  objects: ReadonlyMap<string, ObjectDoc>,
  object: ObjectDoc,
  paths: RelatedPaths,
  record: RecordData,
): Promise<RecordData> {
  const selects = relatedSelects(knex, objects, object, paths, (head) => {
    const id = record[head];
    return typeof id === 'string' && UUID.test(id) ? knex.raw('?', [id]) : undefined;
  });
  if (!selects.length) return {};
  const { rows } = await knex.raw(`SELECT ${selects.map(() => '?').join(', ')}`, selects);
  return rows[0];
}

/**
 * The same related records for many rows at once: select expressions to add to a query over the object's table
 * aliased `rowAlias`, so a batch of records costs one query, not one per record.
 */
export function relatedColumns(knex: Knex, objects: ReadonlyMap<string, ObjectDoc>, object: ObjectDoc, paths: RelatedPaths, rowAlias: string): Knex.Raw[] {
  return relatedSelects(knex, objects, object, paths, (head) => knex.raw('??.??', [rowAlias, head]));
}

/** Per lookup the paths go through, `(SELECT <its record as JSON> … WHERE id = <idOf(lookup)>) AS <lookup>`. */
function relatedSelects(
  knex: Knex,
  objects: ReadonlyMap<string, ObjectDoc>,
  object: ObjectDoc,
  paths: RelatedPaths,
  idOf: (head: string) => Knex.Raw | undefined,
): Knex.Raw[] {
  return [...paths].flatMap(([head, below]) => {
    const target = objects.get(object.fields.find((f) => f.name === head)?.target ?? '');
    const id = idOf(head);
    if (!target || !id) return [];
    const sub = relatedRecordSql(knex, objects, target, below, 'r0');
    return [knex.raw(`(SELECT ${sub.json} FROM ?? AS r0 ${sub.joins} WHERE r0.id = ? AND r0.deleted_at IS NULL) AS ??`, [tableName(target.name), id, head])];
  });
}

/** jsonb_build_object of the columns the paths read, joining the second-level lookups they go through. */
function relatedRecordSql(knex: Knex, objects: ReadonlyMap<string, ObjectDoc>, target: ObjectDoc, paths: string[], alias: string) {
  const q = (identifier: string) => knex.raw('??', [identifier]).toQuery();
  const direct = [...new Set(paths.filter((p) => !p.includes('.')))];
  const nested = new Map<string, string[]>();
  for (const path of paths.filter((p) => p.includes('.'))) {
    const [head, leaf] = path.split('.');
    nested.set(head, [...(nested.get(head) ?? []), leaf]);
  }
  const pairs = [`'id', ${alias}.id`, ...direct.map((f) => `${knex.raw('?', [f]).toQuery()}, ${alias}.${q(f)}`)];
  const joins: string[] = [];
  [...nested].forEach(([head, leaves], i) => {
    const next = objects.get(target.fields.find((f) => f.name === head)?.target ?? '');
    if (!next) return;
    const joined = `${alias}_${i}`;
    const inner = [`'id', ${joined}.id`, ...leaves.map((f) => `${knex.raw('?', [f]).toQuery()}, ${joined}.${q(f)}`)];
    joins.push(`LEFT JOIN ${q(tableName(next.name))} AS ${joined} ON ${joined}.id = ${alias}.${q(head)} AND ${joined}.deleted_at IS NULL`);
    pairs.push(`${knex.raw('?', [head]).toQuery()}, CASE WHEN ${joined}.id IS NULL THEN NULL ELSE jsonb_build_object(${inner.join(', ')}) END`);
  });
  return { json: `jsonb_build_object(${pairs.join(', ')})`, joins: joins.join(' ') };
}
