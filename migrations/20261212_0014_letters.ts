import type { Knex } from 'knex';

/**
 * Verifiable letters (an authorization letter, a certificate) issued for a record of any object from a `template`
 * document. The content and the PDF are kept as issued: the public check shows what was handed out, not what the
 * record says today. Only the SHA-256 of the verification code is stored; the code itself lives in the QR code.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('qd_letters', (t) => {
    t.uuid('id').primary();
    t.text('object').notNullable();
    t.uuid('record_id').notNullable();
    t.text('template').notNullable();
    t.text('record_title').notNullable();
    t.uuid('batch_id');
    t.text('code_hash').notNullable().unique();
    t.jsonb('content').notNullable();
    t.date('valid_from').notNullable();
    t.date('valid_to');
    t.text('status').notNullable().defaultTo('issued');
    t.text('revoked_reason');
    t.timestamp('revoked_at', { useTz: true });
    t.uuid('revoked_by');
    t.uuid('superseded_by');
    t.timestamp('superseded_at', { useTz: true });
    t.uuid('issued_by').notNullable();
    t.timestamp('issued_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.binary('pdf').notNullable();
  });
  await knex.raw(`ALTER TABLE qd_letters ADD CONSTRAINT qd_letters_status CHECK (status IN ('issued', 'revoked', 'superseded'))`);
  // PDFs are compressed already: keep TOAST from trying again.
  await knex.raw('ALTER TABLE qd_letters ALTER COLUMN pdf SET STORAGE EXTERNAL');
  await knex.raw('CREATE INDEX qd_letters_record ON qd_letters (object, record_id, issued_at DESC)');
  // One letter in force per record and template; a retried batch job finds the letter it made before.
  await knex.raw(`CREATE UNIQUE INDEX qd_letters_current ON qd_letters (object, record_id, template) WHERE status = 'issued'`);
  await knex.raw('CREATE UNIQUE INDEX qd_letters_batch ON qd_letters (object, record_id, template, batch_id) WHERE batch_id IS NOT NULL');
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('qd_letters');
}
