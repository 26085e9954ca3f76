import type { Knex } from 'knex';
import { QudaoError } from '../errors/catalog.ts';
import type { ObjectRuntime } from '../registry.ts';
import type { RecordScope } from '../security/record-scope.ts';
import { recordFromRow, type RecordData } from './row-mapping.ts';

/**
 * Replaces the id in each named lookup field with the record it points to, one query per field (never per row),
 * as far as the principal may read it: a target that was deleted, or that the principal can't see, keeps its
 * id as `{ id }`, and the fields it can't read are absent.
 */
export async function expandLookups(
  knex: Knex,
  scope: RecordScope,
  object: ObjectRuntime,
  records: RecordData[],
  fieldNames: readonly string[],
): Promise<RecordData[]> {
  for (const name of fieldNames) {
    const target = scope.objectOf(lookupTarget(object, name, scope));
    const ids = [...new Set(records.map((r) => r[name]).filter((v): v is string => typeof v === 'string'))];
    if (!ids.length) continue;
    const visible = target && scope.visibleRows(target, 't');
    const rows: RecordData[] = !target ? [] : await knex({ t: target.table })
      .select(target.columns.map((c) => `t.${c}`))
      .whereIn('t.id', ids)
      .whereNull('t.deleted_at')
      .modify((query) => { if (visible) query.whereRaw(visible.sql, visible.bindings as Knex.RawBinding[]); });
    const byId = new Map(rows.map((row) => [row.id as string, scope.redact(target!, recordFromRow(target!, row))]));
    for (const record of records) {
      const id = record[name];
      if (typeof id === 'string') record[name] = byId.get(id) ?? { id };
    }
  }
  return records;
}

function lookupTarget(object: ObjectRuntime, name: string, scope: RecordScope): string {
  const field = object.fields.get(name);
  if (!field || (field.type !== 'lookup' && field.type !== 'master_detail') || !field.target || !scope.canRead(object, name)) {
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
