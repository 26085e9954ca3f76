import type { Knex } from 'knex';

/**
 * The outbox carries jobs too: a transition that must send a notification or call a webhook queues the job in its
 * own transaction (topic `job`, the job in `payload`), and the relay hands it to the queue after the commit. And a
 * write's audit entry keeps what caused it (the automations that led to it), so automations can stop a loop.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE qd_outbox ALTER COLUMN object DROP NOT NULL, ALTER COLUMN record_id DROP NOT NULL, ALTER COLUMN audit_id DROP NOT NULL');
  await knex.schema.alterTable('qd_outbox', (t) => {
    t.jsonb('payload');
  });
  await knex.schema.alterTable('qd_audit', (t) => {
    t.jsonb('cause');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('qd_audit', (t) => t.dropColumn('cause'));
  await knex('qd_outbox').whereNull('audit_id').delete();
  await knex.schema.alterTable('qd_outbox', (t) => t.dropColumn('payload'));
  await knex.raw('ALTER TABLE qd_outbox ALTER COLUMN object SET NOT NULL, ALTER COLUMN record_id SET NOT NULL, ALTER COLUMN audit_id SET NOT NULL');
}
