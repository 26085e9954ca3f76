import type { Knex } from 'knex';

/**
 * Uploaded files, their bytes in PostgreSQL: the same on PGlite and on a server, and shared by every API instance.
 * An upload starts unattached (record_id null, only its uploader may use it); a record write or an attachment
 * gives it its record, and `field` when it fills a file or image field (null: a plain attachment).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('qd_files', (t) => {
    t.uuid('id').primary();
    t.text('name').notNullable();
    t.text('mime').notNullable();
    t.integer('size').notNullable();
    t.text('sha256').notNullable();
    t.binary('bytes').notNullable();
    t.text('object');
    t.uuid('record_id');
    t.text('field');
    t.uuid('created_by').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('deleted_at', { useTz: true });
  });
  // Images and PDFs are compressed already: keep TOAST from trying again.
  await knex.raw('ALTER TABLE qd_files ALTER COLUMN bytes SET STORAGE EXTERNAL');
  await knex.raw('CREATE INDEX qd_files_record ON qd_files (object, record_id) WHERE deleted_at IS NULL');
  await knex.raw('CREATE INDEX qd_files_unattached ON qd_files (created_at) WHERE record_id IS NULL');
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('qd_files');
}
