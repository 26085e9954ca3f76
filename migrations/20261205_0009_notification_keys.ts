import type { Knex } from 'knex';

/**
 * Notifications sent by a job are idempotent per recipient: the job's key is stored with each in-app row (unique per
 * user), and each e-mail sent for a key is marked, so a job that runs again (a retry, a worker that crashed mid-way)
 * adds no second row and sends no second e-mail. Rows without a key (a direct `notify`) are not constrained.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('qd_notifications', (t) => {
    t.text('dedupe_key');
    t.unique(['user_id', 'dedupe_key'], { indexName: 'qd_notifications_user_dedupe_key' });
  });
  await knex.schema.createTable('qd_notification_emails', (t) => {
    t.uuid('user_id').notNullable().references('id').inTable('qd_users').onDelete('CASCADE');
    t.text('dedupe_key').notNullable();
    t.timestamp('sent_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.primary(['user_id', 'dedupe_key']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('qd_notification_emails');
  await knex.schema.alterTable('qd_notifications', (t) => {
    t.dropUnique(['user_id', 'dedupe_key'], 'qd_notifications_user_dedupe_key');
    t.dropColumn('dedupe_key');
  });
}
