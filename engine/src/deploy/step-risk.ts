/**
 * What a deploy step may cost, said before it is confirmed: a step that reads or rewrites every row of a large table
 * is slow (and some lock the table meanwhile); dropping a table loses its data.
 */
import type { Knex } from 'knex';
import type { Label } from '../../../metadata/src/types.ts';
import type { StepRisk } from '../../../metadata/src/ui-contract.ts';
import type { StepKind } from '../schema-sync/plan.ts';
import { DATA_SCHEMA } from '../schema-sync/names.ts';

export type { StepRisk };

/** From this many rows a scanning step is reported slow. */
export const SLOW_ROWS = 100_000;

const SCANNING: Partial<Record<StepKind, Label>> = {
  alter_type: { 'zh-CN': '改变列类型会重写整张表，期间表被锁定', en: 'Changing a column type rewrites the whole table and locks it meanwhile' },
  add_foreign_key: { 'zh-CN': '添加外键会逐行检查引用', en: 'Adding a foreign key checks every row' },
  add_index: { 'zh-CN': '建索引会读取每一行', en: 'Building an index reads every row' },
};

const DROPS_DATA: Label = { 'zh-CN': '删除表及其全部数据，无法恢复', en: 'Drops the table and all its data, for good' };

/** Estimated rows per object table of `data`: the planner's figure, or the live-tuple count of a table never analysed. */
export async function estimatedRows(db: Knex | Knex.Transaction): Promise<Map<string, number>> {
  const { rows } = await db.raw<{ rows: { object: string; rows: string }[] }>(
    `SELECT c.relname AS object, COALESCE(NULLIF(c.reltuples, -1), s.n_live_tup, 0)::bigint AS rows
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       LEFT JOIN pg_stat_user_tables s ON s.relid = c.oid
      WHERE n.nspname = ? AND c.relkind = 'r'`,
    [DATA_SCHEMA],
  );
  return new Map(rows.map((r) => [r.object, Number(r.rows)]));
}

export function stepRisk(kind: StepKind, object: string, rows: ReadonlyMap<string, number>): StepRisk | undefined {
  const count = rows.get(object) ?? 0;
  if (kind === 'purge_table') return { level: 'destructive', rows: count, reason: DROPS_DATA };
  const scan = SCANNING[kind];
  return scan && count >= SLOW_ROWS ? { level: 'slow', rows: count, reason: scan } : undefined;
}
