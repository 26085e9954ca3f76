import { isDeepStrictEqual } from 'node:util';
import type { Knex } from 'knex';
import type { FieldError } from '../errors/catalog.ts';
import { isReadFormula, type FieldDef, type Label, type ObjectDoc } from '../../../metadata/src/types.ts';
import { castBetween, columnDefinition, columnType, isReference } from './column-types.ts';
import { rollupValueSql } from '../records/rollups.ts';
import { desiredIndexes } from './indexes.ts';
import { foreignKeyName, indexName, sequenceName, tableName } from './names.ts';
import type { PhysicalColumn, PhysicalState } from './physical-state.ts';

export type StepKind =
  | 'create_table' | 'rename_column' | 'add_column' | 'alter_type' | 'soft_remove_field' | 'restore_field'
  | 'add_foreign_key' | 'add_index' | 'metadata_only' | 'save_document' | 'purge_table';

export interface ColumnChange {
  field: string;
  columnType: string;
  removed: boolean;
  renamedFrom?: string;
}

export interface PlanStep {
  kind: StepKind;
  object: string;
  field?: string;
  description: Label;
  sql: string[];
  /** CREATE INDEX CONCURRENTLY can't run inside a transaction: such steps run right after the commit. */
  afterCommit?: boolean;
  /** The bookkeeping of `qd_schema_fields` this step implies. */
  columns?: ColumnChange[];
}

export interface SchemaPlan {
  steps: PlanStep[];
  /** Changes that may lose data; refused unless the deploy is forced. */
  lossy: FieldError[];
  /** Changes PostgreSQL cannot make at all (no cast between the types); refused even when forced. */
  impossible: FieldError[];
}

interface PlanInput {
  knex: Knex;
  previous: readonly ObjectDoc[];
  next: readonly ObjectDoc[];
  physical: PhysicalState;
  /** Index existing tables concurrently (PostgreSQL) or inside the transaction (PGlite, one connection). */
  concurrentIndexes: boolean;
}

const STEP_ORDER: StepKind[] = [
  'create_table', 'rename_column', 'add_column', 'alter_type', 'soft_remove_field', 'restore_field',
  'add_foreign_key', 'add_index', 'metadata_only',
];

const SYSTEM_COLUMNS_SQL = [
  '"id" uuid PRIMARY KEY',
  '"created_at" timestamp(3) with time zone NOT NULL DEFAULT now()',
  '"created_by" uuid',
  '"updated_at" timestamp(3) with time zone NOT NULL DEFAULT now()',
  '"updated_by" uuid',
  '"owner_id" uuid',
  '"version" integer NOT NULL DEFAULT 1',
  '"deleted_at" timestamp(3) with time zone',
];

/** The fields that have a column: live ones, but not formulas computed on read. */
const liveFields = (object: ObjectDoc) => object.fields.filter((f) => !f.removed && !isReadFormula(f));

export function planSchema(input: PlanInput): SchemaPlan {
  const plan: SchemaPlan = { steps: [], lossy: [], impossible: [] };
  const previousByName = new Map(input.previous.map((o) => [o.name, o]));
  for (const object of input.next) {
    const planner = new ObjectPlanner(input, object, previousByName.get(object.name), plan);
    planner.plan();
  }
  plan.steps.sort((a, b) => STEP_ORDER.indexOf(a.kind) - STEP_ORDER.indexOf(b.kind));
  return plan;
}

class ObjectPlanner {
  private readonly table: Map<string, PhysicalColumn> | undefined;
  private readonly q: (identifier: string) => string;

  constructor(
    private readonly input: PlanInput,
    private readonly object: ObjectDoc,
    private readonly previous: ObjectDoc | undefined,
    private readonly out: SchemaPlan,
  ) {
    this.table = input.physical.tables.get(object.name);
    this.q = (identifier) => input.knex.raw('??', [identifier]).toQuery();
  }

  plan(): void {
    if (this.table) this.planColumns(this.table);
    else this.planCreateTable();
    this.planForeignKeys();
    this.planIndexes();
    this.planMetadataOnly();
  }

  private get qualifiedTable(): string {
    return this.q(tableName(this.object.name));
  }

  private step(kind: StepKind, description: Label, sql: string[], extra: Partial<PlanStep> = {}): void {
    this.out.steps.push({ kind, object: this.object.name, description, sql, ...extra });
  }

  private planCreateTable(): void {
    const fields = liveFields(this.object);
    const columns = [...SYSTEM_COLUMNS_SQL, ...fields.map((f) => `${this.q(f.name)} ${columnDefinition(f)}`)];
    const label = this.object.label;
    this.step(
      'create_table',
      { 'zh-CN': `创建表 ${tableName(this.object.name)}（${label['zh-CN']}）`, en: `Create table ${tableName(this.object.name)} (${label.en})` },
      [`CREATE TABLE ${this.qualifiedTable} (${columns.join(', ')})`, ...fields.flatMap((f) => this.sequenceSql(f))],
      { columns: fields.map((f) => ({ field: f.name, columnType: columnType(f), removed: false })) },
    );
  }

  private sequenceSql(field: FieldDef): string[] {
    if (field.type !== 'autonumber') return [];
    return [`CREATE SEQUENCE IF NOT EXISTS ${this.q(`data.${sequenceName(this.object.name, field.name)}`)}`];
  }

  private planColumns(table: Map<string, PhysicalColumn>): void {
    const wanted = new Set<string>();
    for (const field of liveFields(this.object)) {
      wanted.add(field.name);
      const renamedFrom = field.renamedFrom && !table.has(field.name) && table.has(field.renamedFrom) ? field.renamedFrom : undefined;
      if (renamedFrom) wanted.add(renamedFrom);
      const existing = table.get(renamedFrom ?? field.name);
      if (!existing) this.planAddColumn(field);
      else {
        if (renamedFrom) this.planRename(renamedFrom, field, existing);
        if (existing.removed) this.planRestore(field, existing);
        this.planTypeChange(field, existing);
      }
    }
    for (const [name, column] of table) {
      if (!wanted.has(name) && !column.removed) this.planSoftRemove(name, column);
    }
  }

  private planAddColumn(field: FieldDef): void {
    const type = columnType(field);
    this.step(
      'add_column',
      { 'zh-CN': `新增字段 ${this.object.name}.${field.name}（${type}）`, en: `Add column ${this.object.name}.${field.name} (${type})` },
      [`ALTER TABLE ${this.qualifiedTable} ADD COLUMN ${this.q(field.name)} ${columnDefinition(field)}`, ...this.sequenceSql(field), ...this.rollupBackfillSql(field)],
      { field: field.name, columns: [{ field: field.name, columnType: type, removed: false }] },
    );
  }

  /** A rollup added to a table that has rows starts from the details it already has. */
  private rollupBackfillSql(field: FieldDef): string[] {
    if (field.type !== 'rollup' || !field.of || !field.via || !field.aggregate) return [];
    const target = { master: this.object.name, field: field.name, via: field.via, aggregate: field.aggregate, of: field.of, detailField: field.field };
    const value = rollupValueSql(this.input.knex, target, 'm').toQuery();
    return [`UPDATE ${this.qualifiedTable} AS m SET ${this.q(field.name)} = ${value}`];
  }

  private planRename(from: string, field: FieldDef, existing: PhysicalColumn): void {
    const oldKey = foreignKeyName(this.object.name, from);
    const renameKey = this.input.physical.constraints.has(oldKey)
      ? [`ALTER TABLE ${this.qualifiedTable} RENAME CONSTRAINT ${this.q(oldKey)} TO ${this.q(foreignKeyName(this.object.name, field.name))}`]
      : [];
    this.step(
      'rename_column',
      { 'zh-CN': `字段 ${from} 更名为 ${field.name}`, en: `Rename column ${from} to ${field.name}` },
      [`ALTER TABLE ${this.qualifiedTable} RENAME COLUMN ${this.q(from)} TO ${this.q(field.name)}`, ...renameKey],
      { field: field.name, columns: [{ field: field.name, columnType: existing.columnType, removed: false, renamedFrom: from }] },
    );
  }

  private planRestore(field: FieldDef, existing: PhysicalColumn): void {
    this.step(
      'restore_field',
      { 'zh-CN': `恢复已移除的字段 ${field.name}（数据仍在）`, en: `Restore the removed field ${field.name} (its data was kept)` },
      [],
      { field: field.name, columns: [{ field: field.name, columnType: existing.columnType, removed: false }] },
    );
  }

  private planSoftRemove(name: string, column: PhysicalColumn): void {
    this.step(
      'soft_remove_field',
      { 'zh-CN': `隐藏字段 ${name}：列与数据保留，可恢复`, en: `Hide field ${name}: the column and its data are kept and can be restored` },
      [],
      { field: name, columns: [{ field: name, columnType: column.columnType, removed: true }] },
    );
  }

  private planTypeChange(field: FieldDef, existing: PhysicalColumn): void {
    const to = columnType(field);
    const cast = castBetween(existing.columnType, to);
    const retarget = this.referenceTargetChanged(field);
    if (cast === 'impossible') {
      this.out.impossible.push(this.typeProblem(field, 'incompatible_type', {
        'zh-CN': `${field.name} 无法从 ${existing.columnType} 转换为 ${to}；请新增一个字段并迁移数据`,
        en: `${field.name} can't be converted from ${existing.columnType} to ${to}; add a new field and move the data`,
      }));
      return;
    }
    if (cast === 'lossy') {
      this.out.lossy.push(this.typeProblem(field, 'lossy_change', {
        'zh-CN': `把 ${field.name} 从 ${existing.columnType} 改为 ${to} 可能丢失数据`,
        en: `Changing ${field.name} from ${existing.columnType} to ${to} may lose data`,
      }));
    }
    if (retarget) {
      this.out.lossy.push(this.typeProblem(field, 'lossy_change', {
        'zh-CN': `更改 ${field.name} 的引用对象可能使现有值失效`,
        en: `Changing the target of ${field.name} may invalidate existing values`,
      }));
    }
    const key = foreignKeyName(this.object.name, field.name);
    const column = this.q(field.name);
    const sql = [
      ...(!isReference(field) && this.input.physical.constraints.has(key) ? [`ALTER TABLE ${this.qualifiedTable} DROP CONSTRAINT ${this.q(key)}`] : []),
      ...(cast === 'same' ? [] : [`ALTER TABLE ${this.qualifiedTable} ALTER COLUMN ${column} TYPE ${to} USING ${column}::${to}`]),
    ];
    if (!sql.length) return;
    this.step(
      'alter_type',
      { 'zh-CN': `字段 ${field.name} 类型 ${existing.columnType} → ${to}`, en: `Change ${field.name} from ${existing.columnType} to ${to}` },
      sql,
      { field: field.name, columns: [{ field: field.name, columnType: to, removed: false }] },
    );
  }

  private typeProblem(field: FieldDef, rule: string, message: Label): FieldError {
    return { field: `object:${this.object.name}/fields/${field.name}`, rule, message };
  }

  private referenceTargetChanged(field: FieldDef): boolean {
    const before = this.previous?.fields.find((f) => f.name === (field.renamedFrom ?? field.name)) ?? this.previous?.fields.find((f) => f.name === field.name);
    return Boolean(before && isReference(before) && isReference(field) && before.target !== field.target);
  }

  private planForeignKeys(): void {
    for (const field of liveFields(this.object).filter(isReference)) {
      const name = foreignKeyName(this.object.name, field.name);
      const retarget = this.referenceTargetChanged(field);
      if (this.input.physical.constraints.has(name) && !retarget) continue;
      const onDelete = field.type === 'master_detail' ? 'CASCADE' : 'RESTRICT';
      // A new column on an existing table holds only NULLs, so validating it would scan the table for nothing.
      const isNewColumn = this.table !== undefined && !this.table.has(field.name);
      this.step(
        'add_foreign_key',
        { 'zh-CN': `外键 ${this.object.name}.${field.name} → ${field.target}`, en: `Foreign key ${this.object.name}.${field.name} → ${field.target}` },
        [
          ...(retarget ? [`ALTER TABLE ${this.qualifiedTable} DROP CONSTRAINT IF EXISTS ${this.q(name)}`] : []),
          `ALTER TABLE ${this.qualifiedTable} ADD CONSTRAINT ${this.q(name)} FOREIGN KEY (${this.q(field.name)}) ` +
            `REFERENCES ${this.q(tableName(field.target!))} ("id") ON DELETE ${onDelete}${isNewColumn ? ' NOT VALID' : ''}`,
        ],
        { field: field.name },
      );
    }
  }

  private planIndexes(): void {
    const renamed = new Map(liveFields(this.object).filter((f) => f.renamedFrom).map((f) => [f.name, f.renamedFrom!]));
    for (const index of desiredIndexes(this.object)) {
      const name = indexName(this.object.name, index.fields, index.unique);
      if (this.input.physical.indexes.has(name)) continue;
      const oldName = indexName(this.object.name, index.fields.map((f) => renamed.get(f) ?? f), index.unique);
      if (oldName !== name && this.input.physical.indexes.has(oldName)) {
        this.step(
          'add_index',
          { 'zh-CN': `索引 ${oldName} 随字段更名为 ${name}`, en: `Rename index ${oldName} to ${name} with its field` },
          [`ALTER INDEX ${this.q(`data.${oldName}`)} RENAME TO ${this.q(name)}`],
        );
        continue;
      }
      // A unique index can fail on existing duplicates, so it stays inside the transaction that it may roll back.
      const concurrently = this.input.concurrentIndexes && this.table !== undefined && !index.unique;
      const columns = index.fields.map(this.q).join(', ');
      const unique = index.unique ? 'UNIQUE ' : '';
      const where = index.unique ? ' WHERE "deleted_at" IS NULL' : '';
      this.step(
        'add_index',
        {
          'zh-CN': `${index.unique ? '唯一' : ''}索引 ${this.object.name}(${index.fields.join(', ')})${concurrently ? '，并发创建' : ''}`,
          en: `${index.unique ? 'Unique index' : 'Index'} on ${this.object.name}(${index.fields.join(', ')})${concurrently ? ', built concurrently' : ''}`,
        },
        [`CREATE ${unique}INDEX ${concurrently ? 'CONCURRENTLY ' : ''}IF NOT EXISTS ${this.q(name)} ON ${this.qualifiedTable} (${columns})${where}`],
        { afterCommit: concurrently },
      );
    }
  }

  private planMetadataOnly(): void {
    if (!this.previous || isDeepStrictEqual(this.previous, this.object)) return;
    const changed = changedFieldsWithoutDdl(this.previous, this.object);
    if (!changed.length) return;
    const labelsOnly = changed.every((c) => c.labelsOnly);
    const names = changed.map((c) => c.name).join(', ');
    this.step(
      'metadata_only',
      labelsOnly
        ? { 'zh-CN': `仅标签变更（${names}），无需改表`, en: `Label-only change (${names}), no DDL` }
        : { 'zh-CN': `元数据变更（${names}），无需改表`, en: `Metadata change (${names}), no DDL` },
      [],
    );
  }
}

function changedFieldsWithoutDdl(previous: ObjectDoc, next: ObjectDoc): { name: string; labelsOnly: boolean }[] {
  const before = new Map(previous.fields.map((f) => [f.name, f]));
  const changed: { name: string; labelsOnly: boolean }[] = [];
  if (!isDeepStrictEqual(previous.label, next.label)) changed.push({ name: next.name, labelsOnly: true });
  for (const field of next.fields) {
    const old = before.get(field.name);
    if (!old || isDeepStrictEqual(old, field) || columnType(old) !== columnType(field)) continue;
    const strip = ({ label: _l, description: _d, ...rest }: FieldDef) => rest;
    changed.push({ name: field.name, labelsOnly: isDeepStrictEqual(strip(old), strip(field)) });
  }
  return changed;
}
