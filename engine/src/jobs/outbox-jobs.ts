import type { Knex } from 'knex';
import { DEFAULT_JOB_OPTIONS, type JobOptions } from './job-queue.ts';

/** The outbox topic of a queued job (a record's own events are `record.<action>`). */
export const JOB_TOPIC = 'job';

export interface OutboxJob {
  name: string;
  data: unknown;
  /** The idempotency key: the same effect queued twice (a retried transition) is one job. */
  jobId: string;
  attempts?: JobOptions['attempts'];
  backoff?: JobOptions['backoff'];
  /** When the job should first run; the relay turns it into a delay at hand-over. */
  runAt?: string;
}

/**
 * Queues a job as part of the caller's transaction: the row commits with the state change that caused it, or not
 * at all, and the outbox relay hands it to the job queue after the commit (at least once; the jobId makes a
 * second hand-over a no-op). Use it for any effect outside the database (notification, webhook) that a
 * transaction decides on.
 */
export async function enqueueAfterCommit(db: Knex | Knex.Transaction, job: OutboxJob): Promise<void> {
  await db('qd_outbox').insert({ topic: JOB_TOPIC, payload: JSON.stringify(job) });
}

/** The options the relay queues an outbox job with. */
export function outboxJobOptions(job: OutboxJob): JobOptions {
  const delay = job.runAt ? Math.max(0, new Date(job.runAt).getTime() - Date.now()) : 0;
  return {
    jobId: job.jobId,
    attempts: job.attempts ?? DEFAULT_JOB_OPTIONS.attempts,
    backoff: job.backoff ?? DEFAULT_JOB_OPTIONS.backoff,
    ...(delay > 0 ? { delay } : {}),
  };
}
