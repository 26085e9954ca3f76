import type { Knex } from 'knex';
import { v7 as uuidv7 } from 'uuid';
import type { Backoff } from '../jobs/job-queue.ts';
import { enqueueAfterCommit, type OutboxJob } from '../jobs/outbox-jobs.ts';

export const WEBHOOK_DELIVER = 'webhook.deliver';

export interface WebhookRequest {
  url: string;
  method?: 'POST' | 'PUT' | 'PATCH';
  /** What happened, e.g. 'workflow.action' or 'automation.action' */
  event: string;
  /** JSON body sent (the record, the workflow/automation name...) */
  payload: unknown;
  /** Who asked: e.g. 'workflow:dealer_onboarding/activate' or 'automation:notify_erp' */
  source: string;
  /** Idempotency key: the same key queued twice is ONE delivery (a retried transition). */
  key: string;
}

export interface WebhookRetry {
  /** Sends in total, the first included. */
  attempts: number;
  backoff: Backoff;
}

/** 8 sends, 30 s apart at first and doubling: the last one about an hour after the first, long enough for a receiver's restart or deploy. */
export const WEBHOOK_RETRY: WebhookRetry = { attempts: 8, backoff: { type: 'exponential', delay: 30_000 } };

/**
 * Records a webhook delivery and queues its sending, in the caller's transaction: it is sent after the commit, or
 * never if the transaction rolls back. The same `key` queued again returns the first delivery's id and queues
 * nothing. `retry` is for tests and operators that need another policy than WEBHOOK_RETRY.
 */
export async function queueWebhook(trx: Knex | Knex.Transaction, request: WebhookRequest, retry: WebhookRetry = WEBHOOK_RETRY): Promise<string> {
  assertHttpUrl(request.url);
  const [inserted] = await trx('qd_webhook_deliveries')
    .insert({
      id: uuidv7(),
      key: request.key,
      source: request.source,
      event: request.event,
      url: request.url,
      method: request.method ?? 'POST',
      payload: JSON.stringify(request.payload ?? null),
      max_attempts: retry.attempts,
    })
    .onConflict('key')
    .ignore()
    .returning('id');
  if (!inserted) {
    const existing = await trx('qd_webhook_deliveries').where({ key: request.key }).first('id');
    return existing.id as string;
  }
  await enqueueAfterCommit(trx, deliveryJob(inserted.id, `webhook-${inserted.id}`, retry));
  return inserted.id as string;
}

/** The job that sends delivery `deliveryId`; a redelivery queues it again under a fresh `jobId`. */
export function deliveryJob(deliveryId: string, jobId: string, retry: WebhookRetry): OutboxJob {
  return { name: WEBHOOK_DELIVER, data: { deliveryId }, jobId, attempts: retry.attempts, backoff: retry.backoff };
}

/** Metadata checks refuse other URLs at deploy; this keeps a caller from queueing one (`file:`, `ftp:`, a relative path). */
function assertHttpUrl(url: string): void {
  let protocol: string | undefined;
  try {
    protocol = new URL(url).protocol;
  } catch {
    protocol = undefined;
  }
  if (protocol !== 'http:' && protocol !== 'https:') throw new TypeError(`a webhook URL must be an absolute http(s) URL: ${url}`);
}
