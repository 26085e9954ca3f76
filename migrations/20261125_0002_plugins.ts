import type { Knex } from 'knex';

/** Installed plugins, and delivery bookkeeping of outbox events for afterCommit hooks. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('qd_plugins', (t) => {
    t.text('name').primary();
    t.text('version').notNullable();
    /** The plugin folder, relative to the working directory the engine runs in. */
    t.text('path').notNullable();
    t.jsonb('manifest').notNullable();
    /** The documents this plugin's base layer holds, [{kind, name}], so an upgrade knows what it drops. */
    t.jsonb('documents').notNullable();
    t.timestamp('installed_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('upgraded_at', { useTz: true });
  });
  await knex.schema.alterTable('qd_outbox', (t) => {
    t.integer('attempts').notNullable().defaultTo(0);
    t.text('last_error');
    /** A relay took the event at this time; another may take it again when the claim is stale. */
    t.timestamp('claimed_at', { useTz: true });
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('qd_outbox', (t) => {
    t.dropColumn('attempts');
    t.dropColumn('last_error');
    t.dropColumn('claimed_at');
  });
  await knex.schema.dropTableIfExists('qd_plugins');
}
