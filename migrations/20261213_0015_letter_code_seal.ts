import type { Knex } from 'knex';

/**
 * A letter's verification code, sealed (AES-256-GCM) with a key derived from the installation's secret, so those who
 * may read the record can get its link again later (README "Letters and verification"). The hash stays the only way
 * a code is looked up; letters issued before this have no sealed code.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('qd_letters', (t) => {
    t.text('code_sealed');
  });
  await knex.schema.createTable('qd_installation_secret', (t) => {
    t.integer('id').primary();
    t.text('secret').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw('ALTER TABLE qd_installation_secret ADD CONSTRAINT qd_installation_secret_single_row CHECK (id = 1)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('qd_installation_secret');
  await knex.schema.alterTable('qd_letters', (t) => {
    t.dropColumn('code_sealed');
  });
}
