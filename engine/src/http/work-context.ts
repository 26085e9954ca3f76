import type { FastifyRequest } from 'fastify';
import type { Knex } from 'knex';
import { v7 as uuidv7 } from 'uuid';
import type { Label } from '../../../metadata/src/types.ts';
import { QudaoError } from '../errors/catalog.ts';
import { runAsWork, type WorkReport } from '../work/work.ts';
import { badParam, single } from './query-params.ts';
import { principalOf } from './request-context.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isWorkId = (value: string) => UUID.test(value);

/** The work id the client chose (`x-work-id`, a UUID it polls at `GET /api/work/:id` while the request runs), else a new one. */
export function workIdOf(request: FastifyRequest): string {
  const given = single('x-work-id', request.headers['x-work-id']);
  if (given === undefined) return uuidv7();
  if (!isWorkId(given)) throw badParam('x-work-id', 'x-work-id 必须是 UUID', 'x-work-id must be a UUID');
  return given.toLowerCase();
}

export interface RequestWork<T> {
  kind: string;
  label: Label;
  /** What of the answer to keep as the outcome (counts, a link) and the closing message. */
  outcome?: (value: T) => { result?: unknown; message?: Label };
}

/**
 * Runs a long change of a request as the caller's work; the answer carries `workId`, and so does its problem
 * (unless the id was refused). The caller's dry runs are not work: run them without this.
 */
export async function runAsRequestWork<T extends object>(
  request: FastifyRequest,
  knex: Knex,
  work: RequestWork<T>,
  fn: (report: WorkReport) => Promise<T>,
): Promise<T & { workId: string }> {
  const id = workIdOf(request);
  const spec = { id, kind: work.kind, label: work.label, userId: principalOf(request).userId };
  const onError = (err: unknown) => request.log.warn({ err, workId: id }, 'the progress of work was not saved');
  try {
    return { ...(await runAsWork(knex, spec, fn, { outcome: work.outcome, onError })), workId: id };
  } catch (error) {
    if (!(error instanceof QudaoError) || error.code === 'WORK_ID_TAKEN') throw error;
    throw new QudaoError(error.code, error.errors, error.detail, { ...error.extra, workId: id });
  }
}
