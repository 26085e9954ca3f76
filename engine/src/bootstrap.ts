import type { Knex } from 'knex';
import { v7 as uuidv7 } from 'uuid';

/** The `admin` user exists on every database; returns its id. */
export async function ensureAdminUser(knex: Knex): Promise<string> {
  await knex('qd_users')
    .insert({ id: uuidv7(), username: 'admin', display_name: 'Administrator', kind: 'internal' })
    .onConflict('username')
    .ignore();
  const { id } = await knex('qd_users').where({ username: 'admin' }).first('id');
  return id;
}
