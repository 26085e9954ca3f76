import type { JobQueue } from '../jobs/job-queue.ts';
import { deliverWebhook, type DeliveryDeps } from './deliver-webhook.ts';
import { WEBHOOK_DELIVER } from './queue-webhook.ts';

/** Sends queued webhooks (queue-webhook.ts); a failed send is retried with the backoff it was queued with. */
export function processWebhookJobs(jobs: JobQueue, deps: DeliveryDeps): void {
  jobs.process<{ deliveryId: string }>(WEBHOOK_DELIVER, ({ deliveryId }, job) => deliverWebhook(deps, deliveryId, job));
}
