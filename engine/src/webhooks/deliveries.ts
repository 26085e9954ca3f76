/**
 * The operator's view of webhook deliveries: the list, one delivery with its attempts, and a redelivery of one that
 * failed. The payload is left out (it may carry record values the operator could not read), as for jobs' data.
 */
import type { Knex } from 'knex';
import { QudaoError } from '../errors/catalog.ts';
import { enqueueAfterCommit } from '../jobs/outbox-jobs.ts';
import { deliveryJob, WEBHOOK_RETRY } from './queue-webhook.ts';

export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export interface Delivery {
  id: string;
  key: string;
  source: string;
  event: string;
  url: string;
  method: string;
  status: DeliveryStatus;
  attemptsMade: number;
  maxAttempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
}

export interface DeliveryAttempt {
  attempt: number;
  at: string;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
  responseExcerpt: string | null;
}

export interface DeliveryListQuery {
  status?: DeliveryStatus;
  limit: number;
  /** The id of the last delivery of the previous page. */
  cursor?: string;
}

const DELIVERIES = 'qd_webhook_deliveries';
const ATTEMPTS = 'qd_webhook_attempts';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isDeliveryId = (value: string) => UUID.test(value);

/** Newest first (ids are UUIDv7); `nextCursor` is set when there may be more. */
export async function listDeliveries(knex: Knex, query: DeliveryListQuery): Promise<{ data: Delivery[]; nextCursor: string | null }> {
  const rows = await knex(DELIVERIES)
    .modify((q) => {
      if (query.status) q.where('status', query.status);
      if (query.cursor) q.where('id', '<', query.cursor);
    })
    .orderBy('id', 'desc')
    .limit(query.limit + 1);
  const data = rows.slice(0, query.limit).map(view);
  return { data, nextCursor: rows.length > query.limit ? data[data.length - 1].id : null };
}

export async function deliveryWithAttemptsOrThrow(knex: Knex, id: string): Promise<Delivery & { attempts: DeliveryAttempt[] }> {
  const row = isDeliveryId(id) ? await knex(DELIVERIES).where({ id }).first() : undefined;
  if (!row) throw notFound(id);
  const attempts = await knex(ATTEMPTS).where({ delivery_id: id }).orderBy('attempt');
  return { ...view(row), attempts: attempts.map(attemptView) };
}

/**
 * A failed delivery goes back to pending and is queued again for a new round of WEBHOOK_RETRY's attempts, under a
 * fresh job id (suffixed with the attempts made so far, which grow with every round: no round reuses a job id the
 * queue still remembers).
 */
export async function redeliverOrThrow(knex: Knex, id: string): Promise<Delivery> {
  if (!isDeliveryId(id)) throw notFound(id);
  return knex.transaction(async (trx) => {
    const [row] = await trx(DELIVERIES).where({ id, status: 'failed' }).update({ status: 'pending', max_attempts: WEBHOOK_RETRY.attempts }).returning('*');
    if (!row) {
      const current = await trx(DELIVERIES).where({ id }).first('status');
      throw current ? notFailed(id, current.status) : notFound(id);
    }
    await enqueueAfterCommit(trx, deliveryJob(id, `webhook-${id}-${row.attempts}`, WEBHOOK_RETRY));
    return view(row);
  });
}

function view(row: Record<string, any>): Delivery {
  return {
    id: row.id, key: row.key, source: row.source, event: row.event, url: row.url, method: row.method, status: row.status,
    attemptsMade: row.attempts, maxAttempts: row.max_attempts, lastStatusCode: row.last_status_code, lastError: row.last_error,
    createdAt: iso(row.created_at), deliveredAt: row.delivered_at ? iso(row.delivered_at) : null,
  };
}

function attemptView(row: Record<string, any>): DeliveryAttempt {
  return {
    attempt: row.attempt, at: iso(row.at), statusCode: row.status_code, error: row.error, durationMs: row.duration_ms,
    responseExcerpt: row.response_excerpt,
  };
}

function iso(value: unknown): string {
  return value instanceof Date ? value.toISOString() : String(value);
}

function notFound(id: string): QudaoError {
  return new QudaoError('WEBHOOK_DELIVERY_NOT_FOUND', [], { 'zh-CN': `没有 Webhook 投递 ${id}`, en: `No webhook delivery ${id}` });
}

function notFailed(id: string, status: DeliveryStatus): QudaoError {
  const zh = status === 'delivered' ? '已送达' : '仍在重试中';
  const en = status === 'delivered' ? 'was delivered' : 'is still being retried';
  return new QudaoError('WEBHOOK_DELIVERY_STATE', [], {
    'zh-CN': `Webhook 投递 ${id} ${zh}，只有失败的投递可以重新投递`,
    en: `Webhook delivery ${id} ${en}; only a failed delivery can be redelivered`,
  });
}
