import type { Knex } from 'knex';
import { DATA_SCHEMA } from './names.ts';

export interface PhysicalColumn {
  columnType: string;
  removed: boolean;
}

/** What the database holds now: the columns schema sync made, and the indexes and foreign keys of `data`. */
export interface PhysicalState {
  tables: Map<string, Map<string, PhysicalColumn>>;
  indexes: Set<string>;
  constraints: Set<string>;
}

export async function loadPhysicalState(db: Knex | Knex.Transaction): Promise<PhysicalState> {
  // One after another: inside a transaction they share one connection.
  const columns = await db('qd_schema_fields').select('object', 'field', 'column_type', 'removed_at');
  const indexes = await db('pg_indexes').select('indexname').where('schemaname', DATA_SCHEMA);
  const constraints = await db.raw(
    `SELECT c.conname FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace WHERE n.nspname = ?`,
    [DATA_SCHEMA],
  );
  // A table made for an object with no fields yet has no column rows, and is a table all the same.
  const existing = await db('information_schema.tables').select('table_name').where({ table_schema: DATA_SCHEMA, table_type: 'BASE TABLE' });
  const tables = new Map<string, Map<string, PhysicalColumn>>(existing.map((r: { table_name: string }) => [r.table_name, new Map()]));
  for (const row of columns) {
    const table = tables.get(row.object) ?? new Map<string, PhysicalColumn>();
    table.set(row.field, { columnType: row.column_type, removed: row.removed_at !== null });
    tables.set(row.object, table);
  }
  return {
    tables,
    indexes: new Set(indexes.map((r: { indexname: string }) => r.indexname)),
    constraints: new Set(constraints.rows.map((r: { conname: string }) => r.conname)),
  };
}
