import { QudaoError } from '../errors/catalog.ts';
import type { DataRow } from '../plugin-api.ts';
import type { WriteContext } from '../records/audit.ts';
import type { RecordService } from '../records/record-service.ts';

const PROGRESS_EVERY = 250;

/**
 * Creates seed or demo rows through the records service (validation, hooks, audit), in order, resolving
 * `{ "$ref": key }` to the id of an earlier row. Reports progress; a bad row stops the load and names itself.
 */
export async function loadRows(records: RecordService, rows: readonly DataRow[], ctx: WriteContext, progress: (done: number) => void): Promise<number> {
  const ids = new Map<string, string>();
  for (const [index, row] of rows.entries()) {
    const values = Object.fromEntries(Object.entries(row.values).map(([field, value]) => [field, resolveRef(value, ids, index)]));
    try {
      const created = await records.create(row.object, values, ctx);
      if (row.key) ids.set(row.key, created.id as string);
    } catch (error) {
      if (!(error instanceof QudaoError)) throw error;
      throw new QudaoError('PLUGIN_INVALID', error.errors.map((e) => ({ ...e, field: `rows/${index} (${row.object}${row.key ? ` ${row.key}` : ''})/${e.field}` })), error.detail);
    }
    if ((index + 1) % PROGRESS_EVERY === 0 || index + 1 === rows.length) progress(index + 1);
  }
  return rows.length;
}

function resolveRef(value: unknown, ids: Map<string, string>, index: number): unknown {
  if (typeof value !== 'object' || value === null || !('$ref' in value)) return value;
  const key = String((value as { $ref: unknown }).$ref);
  const id = ids.get(key);
  if (!id) {
    throw new QudaoError('PLUGIN_INVALID', [
      { field: `rows/${index}`, rule: 'unknown_ref', message: { 'zh-CN': `引用了未知的行 ${key}`, en: `Refers to an unknown row ${key}` } },
    ]);
  }
  return id;
}
