import type { Knex } from 'knex';

/**
 * Outgoing webhooks: one delivery per idempotency key (what a workflow or automation asked to send), a row per
 * attempt to send it, and the secret deliveries are signed with when QUDAO_WEBHOOK_SECRET is unset.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('qd_webhook_deliveries', (t) => {
    t.uuid('id').primary();
    t.text('key').notNullable().unique();
    t.text('source').notNullable();
    t.text('event').notNullable();
    t.text('url').notNullable();
    t.text('method').notNullable();
    t.jsonb('payload').notNullable();
    t.text('status').notNullable().defaultTo('pending');
    t.integer('attempts').notNullable().defaultTo(0);
    /** The attempts of the current round (the queued job's); the one that uses up the last marks the delivery failed. */
    t.integer('max_attempts').notNullable();
    t.integer('last_status_code');
    t.text('last_error');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('delivered_at', { useTz: true });
  });
  await knex.raw(`ALTER TABLE qd_webhook_deliveries ADD CONSTRAINT qd_webhook_deliveries_status CHECK (status IN ('pending', 'delivered', 'failed'))`);
  // Ids are UUIDv7, so id order is creation order: the operator list pages newest first by id, per status.
  await knex.raw('CREATE INDEX qd_webhook_deliveries_status_id ON qd_webhook_deliveries (status, id DESC)');

  await knex.schema.createTable('qd_webhook_attempts', (t) => {
    t.uuid('delivery_id').notNullable().references('id').inTable('qd_webhook_deliveries').onDelete('CASCADE');
    t.integer('attempt').notNullable();
    t.timestamp('at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.integer('status_code');
    t.text('error');
    t.integer('duration_ms').notNullable();
    t.text('response_excerpt');
    t.primary(['delivery_id', 'attempt']);
  });

  await knex.schema.createTable('qd_webhook_secret', (t) => {
    t.integer('id').primary();
    t.text('secret').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw('ALTER TABLE qd_webhook_secret ADD CONSTRAINT qd_webhook_secret_single_row CHECK (id = 1)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('qd_webhook_secret');
  await knex.schema.dropTableIfExists('qd_webhook_attempts');
  await knex.schema.dropTableIfExists('qd_webhook_deliveries');
}
