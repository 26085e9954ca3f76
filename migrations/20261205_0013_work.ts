import type { Knex } from 'knex';

/**
 * Long work a user started (a deploy, a plugin install, an import, a batch of letters) and how far it got, so the
 * web app can show progress while it runs and its outcome after. Written outside the work's own transaction: a
 * failed deploy rolls back, its "failed" row stays.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('qd_work', (t) => {
    t.uuid('id').primary();
    t.text('kind').notNullable();
    t.text('label_zh').notNullable();
    t.text('label_en').notNullable();
    t.uuid('user_id');
    t.text('status').notNullable().defaultTo('queued');
    t.integer('done').notNullable().defaultTo(0);
    t.integer('total');
    t.text('message_zh');
    t.text('message_en');
    t.jsonb('result');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('started_at', { useTz: true });
    t.timestamp('finished_at', { useTz: true });
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw(`ALTER TABLE qd_work ADD CONSTRAINT qd_work_status CHECK (status IN ('queued', 'running', 'succeeded', 'failed'))`);
  await knex.raw('CREATE INDEX qd_work_user_recent ON qd_work (user_id, created_at DESC)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('qd_work');
}
