import type { Knex } from 'knex';
import { QudaoError } from '../errors/catalog.ts';
import type { ObjectRuntime, Registry } from '../registry.ts';
import { recordFromRow, type RecordData } from './row-mapping.ts';

/**
 * Replaces the id in each named lookup field with the record it points to, one query per field (never per row).
 * A target that was deleted keeps its id as `{ id }`.
 */
export async function expandLookups(
  knex: Knex,
  registry: Registry,
  object: ObjectRuntime,
  records: RecordData[],
  fieldNames: readonly string[],
): Promise<RecordData[]> {
  for (const name of fieldNames) {
    const target = registry.objectOrThrow(lookupTarget(object, name));
    const ids = [...new Set(records.map((r) => r[name]).filter((v): v is string => typeof v === 'string'))];
    if (!ids.length) continue;
    const rows = await knex(target.table)
      .select(target.columns)
      .whereIn('id', ids)
      .whereNull('deleted_at');
    const byId = new Map(rows.map((row) => [row.id as string, recordFromRow(target, row)]));
    for (const record of records) {
      const id = record[name];
      if (typeof id === 'string') record[name] = byId.get(id) ?? { id };
    }
  }
  return records;
}

function lookupTarget(object: ObjectRuntime, name: string): string {
  const field = object.fields.get(name);
  if (!field || (field.type !== 'lookup' && field.type !== 'master_detail') || !field.target) {
    throw new QudaoError('BAD_REQUEST', [
      {
        field: 'expand',
        rule: 'not_a_lookup',
        message: { 'zh-CN': `${name} 不是 ${object.name} 的查找字段，无法展开`, en: `${name} is not a lookup field of ${object.name} and can't be expanded` },
      },
    ]);
  }
  return field.target;
}
