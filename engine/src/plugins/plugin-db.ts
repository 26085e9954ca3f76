/** Runs a plugin's SQL (plugin-sql.ts) read-only, with identifiers from the registry limited to the plugin's own objects. */
import type { Knex } from 'knex';
import { SYSTEM_FIELDS } from '../../../metadata/src/types.ts';
import type { Registry } from '../registry.ts';
import { compileSql, type IdentifierResolver, type PluginDb, type SqlQuery } from './plugin-sql.ts';

export function pluginDb(knex: Knex, registry: Registry, ownObjects: ReadonlySet<string>): PluginDb {
  const resolve: IdentifierResolver = {
    table(object) {
      if (!ownObjects.has(object)) throw new Error(`a plugin reads only its own objects' tables, not ${object}`);
      return registry.objectOrThrow(object).table;
    },
    hasField: (object, field) => (SYSTEM_FIELDS as readonly string[]).includes(field) || registry.objectOrThrow(object).fields.has(field),
  };
  return {
    async rows<Row>(query: SqlQuery): Promise<Row[]> {
      const { sql, bindings } = compileSql(query, resolve);
      return readOnly(knex, async (db) => (await db.raw(sql, bindings as Knex.RawBinding[])).rows as Row[]);
    },
  };
}

/**
 * Inside a caller's transaction (a beforeWrite hook), a savepoint made read-only and rolled back after: PostgreSQL
 * lets a transaction turn read-only at any point, and rolling back to the savepoint turns it back.
 */
async function readOnly<T>(knex: Knex, run: (db: Knex) => Promise<T>): Promise<T> {
  if (!knex.isTransaction) return knex.transaction((trx) => run(trx), { readOnly: true });
  await knex.raw('SAVEPOINT plugin_read');
  try {
    await knex.raw('SET LOCAL transaction_read_only = on');
    return await run(knex);
  } finally {
    await knex.raw('ROLLBACK TO SAVEPOINT plugin_read');
    await knex.raw('RELEASE SAVEPOINT plugin_read');
  }
}
