import type { AfterCommitEvent } from '../plugin-api.ts';
import type { JobContext, JobQueue } from './job-queue.ts';

/** A committed write, handed from the outbox to the plugins' afterCommit hooks. */
export const RECORD_CHANGED = 'record.changed';

const OPTIONS = { attempts: 5, backoff: { type: 'exponential', delay: 1000 } } as const;

/**
 * The outbox relay's delivery in production: queue the event as a job whose id is the outbox row's, so an event
 * the relay delivers twice (it crashed before marking the row published) is still one job.
 */
export function enqueueRecordChanged(jobs: Pick<JobQueue, 'add'>) {
  return async (event: AfterCommitEvent, outboxId: string): Promise<void> => {
    await jobs.add(RECORD_CHANGED, event, { ...OPTIONS, jobId: `outbox-${outboxId}` });
  };
}

/** Runs the write's automations and hooks; a failure is retried with backoff by the queue, then listed as dead (`jobs.failed()`). */
export function processRecordChanged(jobs: JobQueue, runHooks: (event: AfterCommitEvent, job: JobContext) => Promise<void>): void {
  jobs.process<AfterCommitEvent>(RECORD_CHANGED, (event, job) => runHooks(event, job));
}
