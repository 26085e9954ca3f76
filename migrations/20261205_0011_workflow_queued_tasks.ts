import type { Knex } from 'knex';

/**
 * A task approved makes the task queued behind it pending (one after another, a signer added before or after):
 * `WHERE after_task_id = ? AND status = 'queued'`, once per approval. Without an index that is a scan of every task
 * ever written; this partial index holds only the queued ones.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`CREATE INDEX qd_workflow_tasks_queued ON qd_workflow_tasks (after_task_id) WHERE status = 'queued'`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX IF EXISTS qd_workflow_tasks_queued');
}
