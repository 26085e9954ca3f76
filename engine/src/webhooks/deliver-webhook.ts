import type { Knex } from 'knex';
import type { JobContext } from '../jobs/job-queue.ts';
import { sendWebhook, type SendResult } from './send-webhook.ts';
import type { SigningSecretSource } from './signing-secret.ts';

export interface DeliveryDeps {
  knex: Knex;
  secret: SigningSecretSource;
}

/** A send that got no 2xx: thrown so that the queue retries it with backoff, and names the cause in the dead-letter list. */
class WebhookAttemptFailed extends Error {
  constructor(deliveryId: string, cause: string) {
    super(`webhook delivery ${deliveryId}: ${cause}`);
    this.name = 'WebhookAttemptFailed';
  }
}

/**
 * One attempt of the `webhook.deliver` job. Jobs run at least once, so a delivery already delivered is not sent
 * again. Each send is logged; a 2xx marks the delivery delivered, anything else throws, and the attempt that uses
 * up the job's last one marks it failed first.
 */
export async function deliverWebhook(deps: DeliveryDeps, deliveryId: string, job: JobContext): Promise<void> {
  const delivery = await deps.knex('qd_webhook_deliveries').where({ id: deliveryId }).first();
  if (!delivery || delivery.status === 'delivered') return;
  const { value: secret } = await deps.secret();
  const body = JSON.stringify(delivery.payload);
  const result = await sendWebhook({ deliveryId, event: delivery.event, url: delivery.url, method: delivery.method, body }, secret);
  await recordAttempt(deps.knex, deliveryId, result, job.attempt >= delivery.max_attempts);
  if (!result.ok) throw new WebhookAttemptFailed(deliveryId, result.error ?? `HTTP ${result.statusCode}`);
}

/** The attempt's log row and the delivery's new state, together. */
async function recordAttempt(knex: Knex, deliveryId: string, result: SendResult, lastAttempt: boolean): Promise<void> {
  await knex.transaction(async (trx) => {
    const [{ attempts }] = await trx('qd_webhook_deliveries')
      .where({ id: deliveryId })
      .update({
        attempts: trx.raw('attempts + 1'),
        status: result.ok ? 'delivered' : lastAttempt ? 'failed' : 'pending',
        last_status_code: result.statusCode,
        last_error: result.error,
        delivered_at: result.ok ? trx.fn.now() : null,
      })
      .returning('attempts');
    await trx('qd_webhook_attempts').insert({
      delivery_id: deliveryId,
      attempt: attempts,
      status_code: result.statusCode,
      error: result.error,
      duration_ms: result.durationMs,
      response_excerpt: result.responseExcerpt,
    });
  });
}
