import { QudaoError } from '../errors/catalog.ts';
import type { DataItem, DemoUserRow } from '../plugin-api.ts';
import type { WriteContext } from '../records/audit.ts';
import type { RecordService } from '../records/record-service.ts';

/** A demo user with its account resolved; answers the user's id (an existing user of that name is kept). */
export type DemoUserMaker = (user: DemoUserRow['user'] & { accountId: string | null }) => Promise<string>;

/**
 * Creates seed or demo rows through the records service (validation, hooks, audit), and demo users through
 * `makeUser`, in order, resolving `{ "$ref": key }` to the id of an earlier row or user. Reports the rows done after
 * each row (the caller thins it out); a bad row stops the load and names itself.
 */
export async function loadRows(
  records: RecordService,
  rows: readonly DataItem[],
  ctx: WriteContext,
  progress: (done: number) => void,
  makeUser: DemoUserMaker,
): Promise<number> {
  const ids = new Map<string, string>();
  for (const [index, row] of rows.entries()) {
    const name = 'user' in row ? `user ${row.user.username}` : `${row.object}${row.key ? ` ${row.key}` : ''}`;
    try {
      const id = 'user' in row
        ? await makeUser({ ...row.user, accountId: row.user.account ? resolveRef(row.user.account, ids, index) as string : null })
        : (await records.create(row.object, Object.fromEntries(Object.entries(row.values).map(([field, value]) => [field, resolveRef(value, ids, index)])), ctx)).id as string;
      if (row.key) ids.set(row.key, id);
    } catch (error) {
      if (!(error instanceof QudaoError)) throw error;
      throw new QudaoError('PLUGIN_INVALID', error.errors.map((e) => ({ ...e, field: `rows/${index} (${name})/${e.field}` })), error.detail);
    }
    progress(index + 1);
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
