import type { Knex } from 'knex';
import { migrationSource } from '../../../migrations/index.ts';

/** Brings the system tables up to date; returns the names of the migrations it ran. */
export async function migrateLatest(knex: Knex): Promise<string[]> {
  const [, ran] = (await knex.migrate.latest({ migrationSource, tableName: 'qd_migrations' })) as [number, string[]];
  return ran;
}
