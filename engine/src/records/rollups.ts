import type { Knex } from 'knex';
import type { FieldDef, ObjectDoc } from '../../../metadata/src/types.ts';
import { tableName } from '../schema-sync/names.ts';

type RecordData = Record<string, unknown>;

/** A rollup field of a master object, seen from its detail object: what to refresh when a detail is written. */
export interface RollupTarget {
  master: string;
  field: string;
  via: string;
  aggregate: NonNullable<FieldDef['aggregate']>;
  of: string;
  detailField?: string;
}

/** Every rollup of every object, grouped by the detail object whose writes change it. */
export function rollupTargetsByDetail(objects: readonly ObjectDoc[]): Map<string, RollupTarget[]> {
  const byDetail = new Map<string, RollupTarget[]>();
  for (const master of objects) {
    for (const field of master.fields) {
      if (field.type !== 'rollup' || field.removed || !field.of || !field.via || !field.aggregate) continue;
      const target = { master: master.name, field: field.name, via: field.via, aggregate: field.aggregate, of: field.of, detailField: field.field };
      byDetail.set(field.of, [...(byDetail.get(field.of) ?? []), target]);
    }
  }
  return byDetail;
}

/** SQL of the fresh value of a rollup for the master row `m` (count and sum of nothing are 0, min and max NULL). */
export function rollupValueSql(knex: Knex, target: RollupTarget, masterAlias: string): Knex.Raw {
  const fn = target.aggregate === 'count' ? 'count(*)' : `${target.aggregate}(d.${knex.raw('??', [target.detailField!]).toQuery()})`;
  const value = target.aggregate === 'count' || target.aggregate === 'sum' ? `COALESCE(${fn}, 0)` : fn;
  return knex.raw(`(SELECT ${value} FROM ?? AS d WHERE d.?? = ??.id AND d.deleted_at IS NULL)`, [tableName(target.of), target.via, masterAlias]);
}

/** The masters a detail write touches: the one it points at before and the one after (they differ when it moves). */
export function touchedMasters(targets: readonly RollupTarget[], ...records: (RecordData | undefined)[]): Map<string, Set<string>> {
  const byMaster = new Map<string, Set<string>>();
  for (const target of targets) {
    for (const record of records) {
      const id = record?.[target.via];
      if (typeof id !== 'string') continue;
      byMaster.set(target.master, (byMaster.get(target.master) ?? new Set()).add(id));
    }
  }
  return byMaster;
}

/** Locks the touched master rows (in id order, so two writers never deadlock) before the detail write. */
export async function lockMasters(trx: Knex.Transaction, masters: Map<string, Set<string>>): Promise<void> {
  for (const [master, ids] of masters) {
    await trx(tableName(master)).select('id').whereIn('id', [...ids].sort()).orderBy('id').forUpdate();
  }
}

/** Recomputes each touched master's rollups after the detail write, in the same transaction. */
export async function refreshRollups(trx: Knex.Transaction, targets: readonly RollupTarget[], masters: Map<string, Set<string>>): Promise<void> {
  for (const target of targets) {
    const ids = masters.get(target.master);
    if (!ids?.size) continue;
    await trx(`${tableName(target.master)} as m`).whereIn('m.id', [...ids]).update({ [target.field]: rollupValueSql(trx, target, 'm') });
  }
}
