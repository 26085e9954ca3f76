/** The qd_letters table: letters as issued, their stored status, and the PDF bytes. */
import type { Knex } from 'knex';
import type { LetterContent } from './letter-content.ts';
import { letterStatus, type LetterStatus, type StoredLetterStatus } from './letter-status.ts';

const TABLE = 'qd_letters';

/** A letter as the API and the verify page show it (never its code, which is not stored). */
export interface Letter {
  id: string;
  object: string;
  recordId: string;
  recordTitle: string;
  template: string;
  batchId: string | null;
  content: LetterContent;
  validFrom: string;
  validTo: string | null;
  status: LetterStatus;
  revokedReason: string | null;
  revokedAt: string | null;
  supersededBy: string | null;
  supersededAt: string | null;
  issuedBy: string;
  /** The issuer's display name, as the list shows it. */
  issuedByName: string | null;
  issuedAt: string;
}

export interface NewLetterRow {
  id: string;
  object: string;
  record_id: string;
  template: string;
  record_title: string;
  batch_id: string | null;
  code_hash: string;
  code_sealed: string;
  content: LetterContent;
  valid_from: string;
  valid_to: string | null;
  issued_by: string;
  issued_at: Date;
  pdf: Buffer;
}

interface LetterRow extends Omit<NewLetterRow, 'pdf' | 'code_hash' | 'code_sealed' | 'issued_at'> {
  status: StoredLetterStatus;
  revoked_reason: string | null;
  revoked_at: Date | null;
  superseded_by: string | null;
  superseded_at: Date | null;
  issued_at: Date;
  issued_by_name: string | null;
}

const COLUMNS = [
  'id', 'object', 'record_id', 'template', 'record_title', 'batch_id', 'content', 'valid_from', 'valid_to', 'status',
  'revoked_reason', 'revoked_at', 'superseded_by', 'superseded_at', 'issued_by', 'issued_at',
];

/** Dates come back as `yyyy-mm-dd` text: the column is cast, so no time zone ever shifts a day. */
const select = (db: Knex | Knex.Transaction) =>
  db(TABLE).select([
    ...COLUMNS.filter((c) => c !== 'valid_from' && c !== 'valid_to'),
    db.raw(`to_char(valid_from, 'YYYY-MM-DD') as valid_from`),
    db.raw(`to_char(valid_to, 'YYYY-MM-DD') as valid_to`),
    db.raw(`(SELECT u.display_name FROM qd_users AS u WHERE u.id = ${TABLE}.issued_by) as issued_by_name`),
  ]);

export async function insertLetter(trx: Knex.Transaction, row: NewLetterRow): Promise<void> {
  await trx(TABLE).insert({ ...row, content: JSON.stringify(row.content) });
}

/** The letter in force for a record and template, locked until the transaction ends. */
export async function currentLetterId(trx: Knex.Transaction, key: { object: string; recordId: string; template: string }): Promise<string | undefined> {
  const row = await trx(TABLE)
    .where({ object: key.object, record_id: key.recordId, template: key.template, status: 'issued' })
    .forUpdate()
    .first<{ id: string } | undefined>('id');
  return row?.id;
}

export async function markSuperseded(trx: Knex.Transaction, id: string, by: string): Promise<void> {
  await trx(TABLE).where({ id, status: 'issued' }).update({ status: 'superseded', superseded_by: by, superseded_at: trx.fn.now() });
}

/** Serializes issuing for one record and template, so two issues at once cannot both find no letter in force. */
export async function lockRecordTemplate(trx: Knex.Transaction, key: { object: string; recordId: string; template: string }): Promise<void> {
  await trx.raw('SELECT pg_advisory_xact_lock(hashtext(?))', [`qd_letters:${key.object}:${key.recordId}:${key.template}`]);
}

export async function findLetter(db: Knex | Knex.Transaction, where: { id: string } | { codeHash: string }): Promise<Letter | undefined> {
  const row = await select(db).where('id' in where ? { id: where.id } : { code_hash: where.codeHash }).first<LetterRow | undefined>();
  return row && toLetter(row);
}

export async function findBatchLetter(
  db: Knex | Knex.Transaction,
  key: { object: string; recordId: string; template: string; batchId: string },
): Promise<Letter | undefined> {
  const row = await select(db)
    .where({ object: key.object, record_id: key.recordId, template: key.template, batch_id: key.batchId })
    .first<LetterRow | undefined>();
  return row && toLetter(row);
}

export async function listLetters(db: Knex, filter: { object: string; recordId: string }): Promise<Letter[]> {
  const rows = await select(db)
    .where({ object: filter.object, record_id: filter.recordId })
    .orderBy([{ column: 'issued_at', order: 'desc' }, { column: 'id', order: 'desc' }]) as LetterRow[];
  return rows.map(toLetter);
}

/** The letter's code as sealed at issue; null for letters issued before codes were sealed. */
export async function sealedCode(db: Knex, id: string): Promise<string | null | undefined> {
  const row = await db(TABLE).where({ id }).first<{ code_sealed: string | null } | undefined>('code_sealed');
  return row?.code_sealed;
}

export async function letterPdf(db: Knex, id: string): Promise<Buffer | undefined> {
  const row = await db(TABLE).where({ id }).first<{ pdf: Buffer } | undefined>('pdf');
  return row?.pdf;
}

/** Revokes the given letters that are still in force or replaced; answers the ids it revoked. */
export async function revokeLetters(
  db: Knex | Knex.Transaction,
  where: { id: string } | { object: string; recordId: string },
  revocation: { reason: string; by: string | null },
): Promise<string[]> {
  const rows = await db(TABLE)
    .where('id' in where ? { id: where.id } : { object: where.object, record_id: where.recordId })
    .whereIn('status', ['issued', 'superseded'])
    .update({ status: 'revoked', revoked_reason: revocation.reason, revoked_at: db.fn.now(), revoked_by: revocation.by })
    .returning<{ id: string }[]>('id');
  return rows.map((row) => row.id);
}

function toLetter(row: LetterRow): Letter {
  return {
    id: row.id,
    object: row.object,
    recordId: row.record_id,
    recordTitle: row.record_title,
    template: row.template,
    batchId: row.batch_id,
    content: row.content,
    validFrom: row.valid_from,
    validTo: row.valid_to,
    status: letterStatus({ status: row.status, validFrom: row.valid_from, validTo: row.valid_to }),
    revokedReason: row.revoked_reason,
    revokedAt: row.revoked_at && new Date(row.revoked_at).toISOString(),
    supersededBy: row.superseded_by,
    supersededAt: row.superseded_at && new Date(row.superseded_at).toISOString(),
    issuedBy: row.issued_by,
    issuedByName: row.issued_by_name,
    issuedAt: new Date(row.issued_at).toISOString(),
  };
}
