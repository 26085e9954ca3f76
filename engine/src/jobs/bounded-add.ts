import type { JobQueue } from './job-queue.ts';

/** The job queue did not confirm an add in time: it is unreachable (Redis down), not refusing this job. */
export class QueueUnreachableError extends Error {
  constructor(readonly waitedMs: number) {
    super(`the job queue did not confirm an add within ${waitedMs} ms`);
    this.name = 'QueueUnreachableError';
  }
}

/**
 * `jobs.add` that gives up after `timeoutMs`. A client may hold commands while its server is away (ioredis queues
 * them until it reconnects), so an add can wait for ever; the outbox relay must instead leave the event unpublished
 * and try again later. The abandoned add may still land when the server returns: hand-overs carry a jobId, so the
 * second one is a no-op.
 */
export function boundedAdd(jobs: Pick<JobQueue, 'add'>, timeoutMs: number): Pick<JobQueue, 'add'> {
  return {
    add: (name, data, options) => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new QueueUnreachableError(timeoutMs)), timeoutMs);
      });
      return Promise.race([jobs.add(name, data, options), timeout]).finally(() => clearTimeout(timer));
    },
  };
}
