import type { Knex } from 'knex';

/** In-app notifications: one row per recipient, rendered at send time (as the recipient could see the record). */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('qd_notifications', (t) => {
    t.uuid('id').primary();
    t.uuid('user_id').notNullable().references('id').inTable('qd_users').onDelete('CASCADE');
    /** The `template` document it was rendered from. */
    t.text('template').notNullable();
    t.text('object');
    t.uuid('record_id');
    t.text('subject').notNullable();
    /** Plain text; the UI escapes it. */
    t.text('body').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('read_at', { useTz: true });
    t.index(['user_id', 'created_at', 'id']);
  });
  await knex.raw('CREATE INDEX qd_notifications_unread ON qd_notifications (user_id, created_at DESC, id DESC) WHERE read_at IS NULL');
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('qd_notifications');
}
