import type { Knex } from 'knex';

/**
 * Approval workflows at run time: an instance per submission (with the definition it started with), a step per
 * approval node entered, a task per approver, the joins waiting for their branches, and the history of every
 * transition. Users get a manager (approvers "manager of") and delegations while on leave.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('qd_users', (t) => {
    t.uuid('manager_id').references('id').inTable('qd_users').onDelete('SET NULL');
  });

  await knex.schema.createTable('qd_delegations', (t) => {
    t.uuid('user_id').primary().references('id').inTable('qd_users').onDelete('CASCADE');
    t.uuid('delegate_id').notNullable().references('id').inTable('qd_users').onDelete('CASCADE');
    t.timestamp('starts_at', { useTz: true }).notNullable();
    t.timestamp('ends_at', { useTz: true }).notNullable();
    t.index(['delegate_id']);
  });

  await knex.schema.createTable('qd_workflow_instances', (t) => {
    t.uuid('id').primary();
    t.text('workflow').notNullable();
    /** The workflow document as it was at submission: a running instance keeps it when the workflow changes. */
    t.jsonb('definition').notNullable();
    t.text('object').notNullable();
    t.uuid('record_id').notNullable();
    /** pending | approved | rejected | returned | recalled */
    t.text('status').notNullable();
    t.uuid('submitted_by').notNullable().references('id').inTable('qd_users');
    t.timestamp('submitted_at', { useTz: true }).notNullable();
    t.timestamp('ended_at', { useTz: true });
    t.index(['object', 'record_id', 'submitted_at']);
  });
  // A record is in one pending approval at a time; the same index answers "is this record locked?".
  await knex.raw(`CREATE UNIQUE INDEX qd_workflow_instances_pending ON qd_workflow_instances (object, record_id) WHERE status = 'pending'`);

  await knex.schema.createTable('qd_workflow_steps', (t) => {
    t.uuid('id').primary();
    t.uuid('instance_id').notNullable().references('id').inTable('qd_workflow_instances').onDelete('CASCADE');
    t.text('node').notNullable();
    /** active | approved | rejected | returned | cancelled */
    t.text('status').notNullable();
    t.timestamp('started_at', { useTz: true }).notNullable();
    t.timestamp('ended_at', { useTz: true });
    t.timestamp('due_at', { useTz: true });
    t.index(['instance_id', 'status']);
  });

  await knex.schema.createTable('qd_workflow_tasks', (t) => {
    t.uuid('id').primary();
    t.uuid('step_id').notNullable().references('id').inTable('qd_workflow_steps').onDelete('CASCADE');
    t.uuid('instance_id').notNullable().references('id').inTable('qd_workflow_instances').onDelete('CASCADE');
    t.uuid('assignee_id').notNullable().references('id').inTable('qd_users');
    /** approver (counts for the step's mode) | signer (added before or after: must approve) */
    t.text('kind').notNullable();
    /** pending (may decide now) | queued (after another task) | approved | rejected | returned | cancelled */
    t.text('status').notNullable();
    /** A queued task becomes pending when this one is approved (one after another, a signer added before). */
    t.uuid('after_task_id');
    /** Why this person decides: { zh-CN, en }. */
    t.jsonb('reason').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('decided_at', { useTz: true });
    t.uuid('decided_by');
    t.text('comment');
    t.index(['step_id']);
  });
  await knex.raw(`CREATE INDEX qd_workflow_tasks_inbox ON qd_workflow_tasks (assignee_id, created_at, id) WHERE status = 'pending'`);

  await knex.schema.createTable('qd_workflow_joins', (t) => {
    t.uuid('instance_id').notNullable().references('id').inTable('qd_workflow_instances').onDelete('CASCADE');
    t.text('node').notNullable();
    t.integer('expected').notNullable();
    t.integer('arrived').notNullable().defaultTo(0);
    t.primary(['instance_id', 'node']);
  });

  await knex.schema.createTable('qd_workflow_events', (t) => {
    t.bigIncrements('id');
    t.uuid('instance_id').notNullable().references('id').inTable('qd_workflow_instances').onDelete('CASCADE');
    t.timestamp('at', { useTz: true }).notNullable();
    /** submitted, step_started, approved, rejected, returned, signer_added, reassigned, escalated, recalled, completed, … */
    t.text('event').notNullable();
    t.text('node');
    t.uuid('task_id');
    t.uuid('actor');
    t.text('comment');
    t.jsonb('details').notNullable().defaultTo('{}');
    t.index(['instance_id', 'id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['qd_workflow_events', 'qd_workflow_joins', 'qd_workflow_tasks', 'qd_workflow_steps', 'qd_workflow_instances', 'qd_delegations']) {
    await knex.schema.dropTableIfExists(table);
  }
  await knex.schema.alterTable('qd_users', (t) => t.dropColumn('manager_id'));
}
