/**
 * Files: uploads (unattached until a record write or an attachment takes them), downloads after the permission check
 * of their record, and the attachments of a record. Multipart is parsed only on these routes.
 */
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Knex } from 'knex';
import { contentDisposition, cleanFileName } from '../files/content-disposition.ts';
import { fileTooLarge, noFilePart } from '../files/file-errors.ts';
import { FileService, type Upload } from '../files/file-service.ts';
import type { StoredFile } from '../files/file-store.ts';
import { isInlineType } from '../files/sniff-mime.ts';
import type { RecordService } from '../records/record-service.ts';
import type { Registry } from '../registry.ts';
import { approvalLock } from '../workflow/record-lock.ts';
import { flag, single } from './query-params.ts';
import { writeContext } from './request-context.ts';

export interface FileRoutesDeps {
  knex: Knex;
  records: RecordService;
  registry: Registry;
  /** QUDAO_MAX_FILE_MB */
  maxFileMb: number;
}

type RecordParams = { object: string; id: string };
const MB = 1024 * 1024;

export function registerFileRoutes(app: FastifyInstance, deps: FileRoutesDeps): void {
  const files = new FileService({ knex: deps.knex, records: deps.records, registry: deps.registry, lock: approvalLock(deps.registry) });
  const read = (request: FastifyRequest) => readUpload(request, deps.maxFileMb);

  void app.register(async (scope) => {
    await scope.register(multipart, { limits: { fileSize: deps.maxFileMb * MB, files: 1, fields: 10, parts: 11 } });

    scope.post('/api/files', async (request, reply) => {
      const file = await files.upload(await read(request), writeContext(request));
      return reply.status(201).send(uploaded(file));
    });

    scope.get<{ Params: { id: string }; Querystring: { inline?: string } }>('/api/files/:id', async (request, reply) => {
      const file = await files.readable(request.params.id, writeContext(request));
      return sendFile(request, reply, file, flag(single('inline', request.query.inline)), () => files.bytes(file));
    });

    scope.get<{ Params: RecordParams }>('/api/records/:object/:id/attachments', async (request) => {
      const { object, id } = request.params;
      return { data: (await files.attachments(object, id, writeContext(request))).map(attachment) };
    });

    scope.post<{ Params: RecordParams }>('/api/records/:object/:id/attachments', async (request, reply) => {
      const { object, id } = request.params;
      const ctx = writeContext(request);
      const file = request.isMultipart()
        ? await files.attachNew(object, id, () => read(request), ctx)
        : await files.attachUpload(object, id, (request.body as { fileId?: unknown } | undefined)?.fileId, ctx);
      return reply.status(201).send({ ...attachment(file), sha256: file.sha256 });
    });

    scope.delete<{ Params: RecordParams & { fileId: string } }>('/api/records/:object/:id/attachments/:fileId', async (request, reply) => {
      const { object, id, fileId } = request.params;
      await files.detach(object, id, fileId, writeContext(request));
      return reply.status(204).send();
    });
  });
}

/** The one part named `file`, read whole (at most QUDAO_MAX_FILE_MB: past it, 413 and nothing stored). */
async function readUpload(request: FastifyRequest, maxFileMb: number): Promise<Upload> {
  if (!request.isMultipart()) throw noFilePart();
  const part = await request.file();
  if (!part || part.fieldname !== 'file') throw noFilePart();
  try {
    return { name: cleanFileName(part.filename), declaredMime: part.mimetype, bytes: await part.toBuffer() };
  } catch (error) {
    if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw fileTooLarge(maxFileMb);
    throw error;
  }
}

/** The bytes, never sniffed by the browser, downloaded unless asked inline and of a type whose bytes were checked. */
async function sendFile(request: FastifyRequest, reply: FastifyReply, file: StoredFile, inline: boolean, bytes: () => Promise<Buffer>) {
  const etag = `"${file.sha256}"`;
  reply.header('etag', etag).header('cache-control', 'private').header('x-content-type-options', 'nosniff');
  if (request.headers['if-none-match'] === etag) return reply.status(304).send();
  const disposition = inline && isInlineType(file.mime) ? 'inline' : 'attachment';
  reply.header('content-type', file.mime).header('content-disposition', contentDisposition(disposition, file.name));
  // A sandboxed document runs nothing; Chromium's PDF viewer refuses to run sandboxed, so PDFs go without.
  if (file.mime !== 'application/pdf') reply.header('content-security-policy', "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'");
  return reply.send(await bytes());
}

function uploaded(file: StoredFile) {
  return { id: file.id, name: file.name, mime: file.mime, size: file.size, sha256: file.sha256 };
}

function attachment(file: StoredFile) {
  return { id: file.id, name: file.name, mime: file.mime, size: file.size, createdAt: file.createdAt, createdBy: file.createdBy };
}

