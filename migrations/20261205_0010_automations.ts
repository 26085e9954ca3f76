import type { Knex } from 'knex';

/**
 * Automations: one row per run (an automation on one event, or on one record at one scheduled time), unique per key,
 * so an event delivered twice runs nothing twice. The in-process runner keeps repeating jobs in qd_jobs: a row in
 * state `scheduled` with its cron, whose run_at is its next time, and each job it adds remembers the time it is for.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('qd_automation_runs', (t) => {
    t.uuid('id').primary();
    t.text('key').notNullable().unique();
    t.text('automation').notNullable();
    t.text('trigger').notNullable();
    t.text('object').notNullable();
    t.uuid('record_id').notNullable();
    t.text('status').notNullable();
    /** Why a run stopped or failed, in zh-CN and en. */
    t.jsonb('error');
    t.timestamp('at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw(`ALTER TABLE qd_automation_runs ADD CONSTRAINT qd_automation_runs_status CHECK (status IN ('done', 'stopped', 'failed'))`);
  // Ids are UUIDv7 (creation order): the operator list pages newest first by id, per automation or per status.
  await knex.raw('CREATE INDEX qd_automation_runs_automation_id ON qd_automation_runs (automation, id DESC)');
  await knex.raw('CREATE INDEX qd_automation_runs_status_id ON qd_automation_runs (status, id DESC)');

  await knex.schema.alterTable('qd_jobs', (t) => {
    t.text('cron');
    t.text('timezone');
    t.timestamp('scheduled_for', { useTz: true });
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex('qd_jobs').where({ state: 'scheduled' }).delete();
  await knex.schema.alterTable('qd_jobs', (t) => {
    t.dropColumn('scheduled_for');
    t.dropColumn('timezone');
    t.dropColumn('cron');
  });
  await knex.schema.dropTableIfExists('qd_automation_runs');
}
