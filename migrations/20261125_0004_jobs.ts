import type { Knex } from 'knex';

/** The jobs of the in-process runner (embedded mode); BullMQ keeps its own in Redis or in its own schema. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('qd_jobs', (t) => {
    t.text('queue').notNullable();
    /** The idempotency key: adding a job with an id the queue holds is a no-op. */
    t.text('id').notNullable();
    t.text('name').notNullable();
    t.jsonb('data').notNullable();
    /** waiting | active | completed | failed (failed = the dead-letter list: attempts used up). */
    t.text('state').notNullable().defaultTo('waiting');
    t.integer('attempts_made').notNullable().defaultTo(0);
    t.integer('max_attempts').notNullable();
    t.jsonb('backoff').notNullable();
    t.timestamp('run_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.text('last_error');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('claimed_at', { useTz: true });
    t.timestamp('finished_at', { useTz: true });
    t.primary(['queue', 'id']);
    t.index(['queue', 'state', 'run_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('qd_jobs');
}
