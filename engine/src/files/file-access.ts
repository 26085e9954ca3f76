/**
 * Who may use a file: its uploader while it is unattached; afterwards whoever may read the record it is on (and the
 * field it fills), through RecordService with the caller's own context, so row-level and portal security apply.
 */
import type { Knex } from 'knex';
import { QudaoError } from '../errors/catalog.ts';
import type { RecordLock, RecordService, WriteGuard } from '../records/record-service.ts';
import type { ObjectRuntime, Registry } from '../registry.ts';
import type { WriteContext } from '../security/principal.ts';
import { fileNotFound } from './file-errors.ts';
import { findFile, type StoredFile } from './file-store.ts';

export interface FileAccessDeps {
  knex: Knex;
  records: RecordService;
  registry: Registry;
  /** The lock record writes obey (workflow/record-lock.ts): attaching and detaching are edits of the record. */
  lock: RecordLock;
}

/** What attaching or detaching counts as, to the record lock and in the record's history. */
export const ATTACHMENTS_KEY = '$attachments';

/** Errors that mean "you can't see this record" (or its field): a file behind one answers the 404 of a missing file. */
const HIDING = new Set(['RECORD_NOT_FOUND', 'OBJECT_NOT_FOUND', 'BAD_REQUEST', 'FORBIDDEN']);

export async function readableFileOrThrow(deps: FileAccessDeps, id: string, ctx: WriteContext): Promise<StoredFile> {
  const file = await findFile(deps.knex, id);
  if (!file) throw fileNotFound(id);
  if (file.recordId === null) {
    if (ctx.actor !== null && file.createdBy === ctx.actor) return file;
    throw fileNotFound(id);
  }
  try {
    await deps.records.get(file.object!, file.recordId, { fields: file.field ? [file.field] : [] }, ctx);
  } catch (error) {
    if (error instanceof QudaoError && HIDING.has(error.code)) throw fileNotFound(id);
    throw error;
  }
  return file;
}

/** The record's attachments are listed to whoever may read it (404 otherwise, as for the record). */
export async function assertRecordReadable(deps: FileAccessDeps, object: string, id: string, ctx: WriteContext): Promise<void> {
  await deps.records.get(object, id, { fields: [] }, ctx);
}

/**
 * The record, if the caller may change it now: 404 / 403 as for a record write, 409 RECORD_LOCKED while it is pending
 * approval. Also the condition the attach or detach statement must still meet (the record was not locked meanwhile).
 */
export async function editableRecordOrThrow(deps: FileAccessDeps, objectName: string, id: string, ctx: WriteContext): Promise<{ object: ObjectRuntime; guard?: WriteGuard }> {
  const current = await deps.records.getEditable(objectName, id, ctx);
  const object = deps.registry.objectOrThrow(objectName);
  const guard = await deps.lock.assertWritable(deps.knex, object, current, [ATTACHMENTS_KEY], ctx);
  return { object, guard };
}
