/** Uploads, downloads and the attachments of records: what the files routes call, each a short list of steps. */
import type { Knex } from 'knex';
import { QudaoError } from '../errors/catalog.ts';
import type { WriteGuard } from '../records/record-service.ts';
import type { WriteContext } from '../security/principal.ts';
import { ATTACHMENTS_KEY, assertRecordReadable, editableRecordOrThrow, readableFileOrThrow, type FileAccessDeps } from './file-access.ts';
import { fileNotFound, fileTypeRefused, noSuchUpload } from './file-errors.ts';
import { attachFiles, findFile, insertFile, listAttachments, readBytes, removeFile, UUID, type StoredFile } from './file-store.ts';
import { decideMime } from './sniff-mime.ts';

/** An upload as the HTTP layer read it: the name and type are the client's word, the bytes are checked here. */
export interface Upload {
  name: string;
  declaredMime: string | undefined;
  bytes: Buffer;
}

export class FileService {
  constructor(private readonly deps: FileAccessDeps) {}

  /** Stores an upload, unattached and owned by its uploader. */
  async upload(upload: Upload, ctx: WriteContext): Promise<StoredFile> {
    return insertFile(this.deps.knex, { ...checked(upload), createdBy: actorOf(ctx) });
  }

  /** The file's metadata, if the caller may download it; else 404 as for a missing file. */
  async readable(id: string, ctx: WriteContext): Promise<StoredFile> {
    return readableFileOrThrow(this.deps, id, ctx);
  }

  async bytes(file: StoredFile): Promise<Buffer> {
    return readBytes(this.deps.knex, file.id);
  }

  async attachments(object: string, recordId: string, ctx: WriteContext): Promise<StoredFile[]> {
    await assertRecordReadable(this.deps, object, recordId, ctx);
    return listAttachments(this.deps.knex, object, recordId);
  }

  /** Uploads a file straight onto a record (`read` runs only once the caller may change the record). */
  async attachNew(object: string, recordId: string, read: () => Promise<Upload>, ctx: WriteContext): Promise<StoredFile> {
    const { guard } = await editableRecordOrThrow(this.deps, object, recordId, ctx);
    const file = checked(await read());
    return this.inTransaction(async (trx) => {
      const stored = await insertFile(trx, { ...file, createdBy: actorOf(ctx) });
      await this.attachOrThrow(trx, stored, object, recordId, guard, ctx);
      return { ...stored, object, recordId };
    });
  }

  /** Attaches an upload of the caller's, not attached yet. */
  async attachUpload(object: string, recordId: string, fileId: unknown, ctx: WriteContext): Promise<StoredFile> {
    const { guard } = await editableRecordOrThrow(this.deps, object, recordId, ctx);
    return this.inTransaction(async (trx) => {
      const file = typeof fileId === 'string' ? await findFile(trx, fileId, { forUpdate: true }) : undefined;
      if (!file || file.recordId !== null || file.createdBy !== ctx.actor) throw noSuchUpload(fileId);
      await this.attachOrThrow(trx, file, object, recordId, guard, ctx);
      return { ...file, object, recordId };
    });
  }

  /** Soft-deletes a plain attachment of the record. */
  async detach(object: string, recordId: string, fileId: string, ctx: WriteContext): Promise<void> {
    const { guard } = await editableRecordOrThrow(this.deps, object, recordId, ctx);
    await this.inTransaction(async (trx) => {
      const file = UUID.test(fileId) ? await findFile(trx, fileId, { forUpdate: true }) : undefined;
      if (!file || file.object !== object || file.recordId !== recordId || file.field !== null) throw fileNotFound(fileId);
      if (!(await removeFile(trx, file.id, guard))) await this.lockedMeanwhile(object, recordId, ctx);
      await auditAttachment(trx, object, recordId, { old: file.name, new: null }, ctx);
    });
  }

  private async attachOrThrow(trx: Knex.Transaction, file: StoredFile, object: string, recordId: string, guard: WriteGuard | undefined, ctx: WriteContext): Promise<void> {
    const attached = await attachFiles(trx, [file.id], { object, recordId, field: null }, guard);
    if (!attached) await this.lockedMeanwhile(object, recordId, ctx);
    await auditAttachment(trx, object, recordId, { old: null, new: file.name }, ctx);
  }

  /** The guard missed: the record was submitted for approval since it was checked; checking again says so. */
  private async lockedMeanwhile(object: string, recordId: string, ctx: WriteContext): Promise<never> {
    await editableRecordOrThrow(this.deps, object, recordId, ctx);
    throw new QudaoError('RECORD_LOCKED');
  }

  private inTransaction<T>(work: (trx: Knex.Transaction) => Promise<T>): Promise<T> {
    return this.deps.knex.transaction(work);
  }
}

function checked(upload: Upload): { name: string; mime: string; bytes: Buffer } {
  const decision = decideMime(upload.name, upload.declaredMime, upload.bytes);
  if ('refused' in decision) throw fileTypeRefused(decision.refused);
  return { name: upload.name, mime: decision.mime, bytes: upload.bytes };
}

function actorOf(ctx: WriteContext): string {
  if (!ctx.actor) throw new QudaoError('UNAUTHENTICATED');
  return ctx.actor;
}

/**
 * Attaching and detaching change no column of the record, so no version: they are entries of its history of their
 * own, under `$attachments` (no field can take that name), old → new file name.
 */
async function auditAttachment(trx: Knex.Transaction, object: string, recordId: string, change: { old: string | null; new: string | null }, ctx: WriteContext): Promise<void> {
  await trx('qd_audit').insert({
    object,
    record_id: recordId,
    action: 'update',
    changes: JSON.stringify({ [ATTACHMENTS_KEY]: change }),
    actor: ctx.actor,
    request_id: ctx.requestId,
    at: new Date().toISOString(),
  });
}
