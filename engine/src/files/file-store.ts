/**
 * The rows of `qd_files`: the bytes live in PostgreSQL (the same on PGlite and on a server, shared by every API
 * instance). Reads of metadata never select the bytes.
 */
import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import { v7 as uuidv7 } from 'uuid';

export interface StoredFile {
  id: string;
  name: string;
  mime: string;
  size: number;
  sha256: string;
  object: string | null;
  recordId: string | null;
  field: string | null;
  createdBy: string;
  createdAt: string;
}

export interface NewFile {
  name: string;
  mime: string;
  bytes: Buffer;
  createdBy: string;
  /** Attached at once to this record, as a plain attachment. */
  attachTo?: { object: string; recordId: string };
}

/** Unattached uploads older than this may be purged (`purgeUnattached`). */
export const UNATTACHED_TTL_MS = 24 * 3_600_000;

const META = ['id', 'name', 'mime', 'size', 'sha256', 'object', 'record_id', 'field', 'created_by', 'created_at'];

export async function insertFile(db: Knex | Knex.Transaction, file: NewFile): Promise<StoredFile> {
  const row = {
    id: uuidv7(),
    name: file.name,
    mime: file.mime,
    size: file.bytes.length,
    sha256: createHash('sha256').update(file.bytes).digest('hex'),
    bytes: file.bytes,
    object: file.attachTo?.object ?? null,
    record_id: file.attachTo?.recordId ?? null,
    created_by: file.createdBy,
  };
  const [stored] = await db('qd_files').insert(row).returning(META);
  return fromRow(stored);
}

/** A live file's metadata; undefined when there is none (or it was removed). */
export async function findFile(db: Knex | Knex.Transaction, id: string, options: { forUpdate?: boolean } = {}): Promise<StoredFile | undefined> {
  if (!UUID.test(id)) return undefined;
  const query = db('qd_files').where({ id }).whereNull('deleted_at').first(META);
  if (options.forUpdate) query.forUpdate();
  const row = await query;
  return row && fromRow(row);
}

export async function readBytes(db: Knex, id: string): Promise<Buffer> {
  const row = await db('qd_files').where({ id }).first('bytes');
  return Buffer.from(row.bytes);
}

/** The plain attachments of a record (not the files its fields hold), oldest first. */
export async function listAttachments(db: Knex, object: string, recordId: string): Promise<StoredFile[]> {
  const rows = await db('qd_files').where({ object, record_id: recordId }).whereNull('field').whereNull('deleted_at')
    .orderBy('created_at').orderBy('id').select(META);
  return rows.map(fromRow);
}

/** Gives unattached files their record (and field); returns how many it attached. */
export async function attachFiles(db: Knex | Knex.Transaction, ids: string[], to: { object: string; recordId: string; field: string | null }, guard?: { sql: string; bindings: Knex.RawBinding[] }): Promise<number> {
  if (!ids.length) return 0;
  return db('qd_files').whereIn('id', ids).whereNull('record_id').whereNull('deleted_at')
    .modify((q) => { if (guard) q.whereRaw(guard.sql, guard.bindings); })
    .update({ object: to.object, record_id: to.recordId, field: to.field });
}

/** Soft delete: the row stays (the record's history names it), the bytes are no longer served. */
export async function removeFile(db: Knex | Knex.Transaction, id: string, guard?: { sql: string; bindings: Knex.RawBinding[] }): Promise<number> {
  return db('qd_files').where({ id }).whereNull('deleted_at')
    .modify((q) => { if (guard) q.whereRaw(guard.sql, guard.bindings); })
    .update({ deleted_at: db.fn.now() });
}

/**
 * Deletes uploads never attached to a record within `olderThanMs` (a form left unsaved). No scheduler runs it yet:
 * call it from a job or `npm run cli` when storage matters. Returns how many it deleted.
 */
export async function purgeUnattached(db: Knex, olderThanMs = UNATTACHED_TTL_MS, now = new Date()): Promise<number> {
  return db('qd_files').whereNull('record_id').where('created_at', '<', new Date(now.getTime() - olderThanMs)).delete();
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function fromRow(row: Record<string, unknown>): StoredFile {
  const at = row.created_at;
  return {
    id: row.id as string,
    name: row.name as string,
    mime: row.mime as string,
    size: Number(row.size),
    sha256: row.sha256 as string,
    object: (row.object as string | null) ?? null,
    recordId: (row.record_id as string | null) ?? null,
    field: (row.field as string | null) ?? null,
    createdBy: row.created_by as string,
    createdAt: at instanceof Date ? at.toISOString() : String(at),
  };
}
