import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { QudaoError } from '../errors/catalog.ts';
import type { JobQueue } from '../jobs/job-queue.ts';
import { parseBatchRequestOrThrow, parseIssueRequestOrThrow } from '../letters/letter-request.ts';
import { issueLetter, letterLinkOrThrow, letterNotFound, lettersOf, readableLetterOrThrow, revokeLetterOrThrow, type LetterDeps } from '../letters/letter-service.ts';
import { letterPdf, type Letter } from '../letters/letter-store.ts';
import { queueLetterBatch } from '../letters/letters-batch.job.ts';
import { badParam, single } from './query-params.ts';
import { internalOnly, principalOf, writeContext } from './request-context.ts';
import { workIdOf } from './work-context.ts';

export interface LetterRouteDeps extends LetterDeps {
  jobs: JobQueue;
  baseUrl: (request: FastifyRequest) => URL;
}

type IdParams = { Params: { id: string } };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_REASON = 500;

/** A letter as the API answers it, with where its PDF is. */
const view = (letter: Letter) => ({ ...letter, pdfUrl: `/api/letters/${letter.id}/pdf` });

/**
 * Letters of records (README "Letters and verification"). Anyone who can read the record sees its letters, downloads
 * their PDFs and gets the verification link of one in force; issuing and revoking are for internal users, as the
 * records' readers.
 */
export function registerLetterRoutes(app: FastifyInstance, deps: LetterRouteDeps): void {
  app.post('/api/letters', internalOnly, async (request, reply) => {
    const input = parseIssueRequestOrThrow(request.body);
    const { letter, verifyUrl } = await issueLetter(deps, input, writeContext(request), { baseUrl: deps.baseUrl(request) });
    return reply.status(201).header('location', `/api/letters/${letter.id}`).send({ ...view(letter), verifyUrl });
  });

  app.post('/api/letters/batch', internalOnly, async (request, reply) => {
    const input = parseBatchRequestOrThrow(request.body);
    const workId = workIdOf(request);
    await queueLetterBatch(deps, { workId, principal: principalOf(request), request: input, baseUrl: deps.baseUrl(request) });
    return reply.status(202).header('location', `/api/work/${workId}`).send({ workId, total: input.recordIds.length });
  });

  app.get<{ Querystring: { object?: string; recordId?: string } }>('/api/letters', async (request) => {
    const object = single('object', request.query.object);
    const recordId = single('recordId', request.query.recordId);
    if (!object) throw badParam('object', '缺少参数 object', 'the parameter object is required');
    if (!recordId || !UUID.test(recordId)) throw badParam('recordId', 'recordId 必须是记录的 UUID', 'recordId must be the UUID of a record');
    const letters = await lettersOf(deps, { object, recordId: recordId.toLowerCase() }, writeContext(request));
    return { data: letters.map(view) };
  });

  app.get<IdParams>('/api/letters/:id', async (request) => view(await readable(deps, request.params.id, request)));

  app.get<IdParams>('/api/letters/:id/pdf', async (request, reply) => {
    const letter = await readable(deps, request.params.id, request);
    return sendPdf(reply, letter, (await letterPdf(deps.knex, letter.id))!);
  });

  // The code opened from its seal: never cached, asked for only when a person wants to copy or send the link.
  app.get<IdParams>('/api/letters/:id/link', async (request, reply) => {
    const url = await letterLinkOrThrow(deps, letterIdOrThrow(request.params.id), writeContext(request), deps.baseUrl(request));
    return reply.header('cache-control', 'no-store').send({ verifyUrl: url });
  });

  app.post<IdParams>('/api/letters/:id/revoke', internalOnly, async (request) => {
    const reason = reasonOrThrow(request.body);
    return view(await revokeLetterOrThrow(deps, letterIdOrThrow(request.params.id), reason, writeContext(request)));
  });
}

function readable(deps: LetterDeps, id: string, request: FastifyRequest): Promise<Letter> {
  return readableLetterOrThrow(deps, letterIdOrThrow(id), writeContext(request));
}

function letterIdOrThrow(id: string): string {
  if (!UUID.test(id)) throw letterNotFound(id);
  return id.toLowerCase();
}

function reasonOrThrow(body: unknown): string {
  const reason = (body as { reason?: unknown } | null)?.reason;
  if (typeof reason === 'string' && reason.trim() && reason.length <= MAX_REASON) return reason.trim();
  throw new QudaoError('LETTER_INVALID', [{
    field: 'reason', rule: 'required',
    message: { 'zh-CN': `撤销须说明原因（1 到 ${MAX_REASON} 个字符）`, en: `A revocation needs a reason (1 to ${MAX_REASON} characters)` },
  }]);
}

/** The letter's own PDF, named by its id (ASCII: no header encoding to get wrong); `nosniff` as for every file. */
export function sendPdf(reply: FastifyReply, letter: Pick<Letter, 'id'>, pdf: Buffer): FastifyReply {
  return reply
    .type('application/pdf')
    .header('content-disposition', `inline; filename="letter-${letter.id}.pdf"`)
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-store')
    .send(pdf);
}
