import type { Knex } from 'knex';

/** The platform's own tables. Objects' tables live in the `data` schema and come from schema sync. */
export async function up(knex: Knex): Promise<void> {
  await knex.raw('CREATE SCHEMA IF NOT EXISTS data');

  await knex.schema.createTable('qd_users', (t) => {
    t.uuid('id').primary();
    t.text('username').notNullable().unique();
    t.text('display_name').notNullable();
    t.text('kind').notNullable().defaultTo('internal');
    t.boolean('active').notNullable().defaultTo(true);
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });

  await knex.schema.createTable('qd_metadata_documents', (t) => {
    t.bigIncrements('id');
    t.text('kind').notNullable();
    t.text('name').notNullable();
    t.text('layer').notNullable();
    t.integer('version').notNullable();
    t.jsonb('body');
    t.boolean('deleted').notNullable().defaultTo(false);
    t.uuid('deploy_id').notNullable();
    t.uuid('created_by');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['kind', 'name', 'layer', 'version']);
  });

  await knex.schema.createTable('qd_deploys', (t) => {
    t.uuid('id').primary();
    t.jsonb('steps').notNullable();
    t.uuid('created_by');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });

  await knex.schema.createTable('qd_schema_fields', (t) => {
    t.text('object').notNullable();
    t.text('field').notNullable();
    t.text('column_type').notNullable();
    t.timestamp('removed_at', { useTz: true });
    t.primary(['object', 'field']);
  });

  await knex.schema.createTable('qd_audit', (t) => {
    t.bigIncrements('id');
    t.text('object').notNullable();
    t.uuid('record_id').notNullable();
    t.text('action').notNullable();
    t.jsonb('changes').notNullable();
    t.uuid('actor');
    t.text('request_id');
    t.timestamp('at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['object', 'record_id', 'id']);
  });

  await knex.schema.createTable('qd_outbox', (t) => {
    t.bigIncrements('id');
    t.text('topic').notNullable();
    t.text('object').notNullable();
    t.uuid('record_id').notNullable();
    // The event's details (who, what changed, the request) are its audit entry: not copied, referenced.
    t.bigInteger('audit_id').notNullable().references('id').inTable('qd_audit');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('published_at', { useTz: true });
  });
  await knex.raw('CREATE INDEX qd_outbox_unpublished ON qd_outbox (id) WHERE published_at IS NULL');
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['qd_outbox', 'qd_audit', 'qd_schema_fields', 'qd_deploys', 'qd_metadata_documents', 'qd_users']) {
    await knex.schema.dropTableIfExists(table);
  }
}
