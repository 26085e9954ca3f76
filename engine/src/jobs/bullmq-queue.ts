import { Queue, Worker, createPostgresBackend, type Job } from 'bullmq';
import type { Logger } from 'pino';
import {
  assertSingleHandler, DEFAULT_JOB_OPTIONS, JOB_STATES, JobNotFailedError, type FailedJob, type JobCounts, type JobHandler, type JobOptions,
  type JobQueue,
} from './job-queue.ts';

/** Completed jobs are kept this long so that a re-added jobId stays a no-op (idempotency window). */
const KEEP_COMPLETED_SECONDS = 7 * 24 * 3600;

export interface BullQueueOptions {
  /** The BullMQ queue name; one queue carries every job name of the engine. */
  name: string;
  /** Redis key prefix (the PostgreSQL backend namespaces by schema instead). */
  prefix?: string;
  concurrency?: number;
  log?: Logger;
}

/** Either backend's queue and worker (they differ only in their connection type). */
type AnyQueue = Queue<any, any, string, any, any, string, any, any>;
type AnyWorker = Worker<any, any, string, any, any, any>;
type Side = { queue: AnyQueue; makeWorker: (processor: (job: Job) => Promise<void>) => AnyWorker };

/** BullMQ on Redis (`REDIS_URL`). */
export function createRedisJobQueue(url: string, options: BullQueueOptions): JobQueue {
  const connection = { url, maxRetriesPerRequest: null };
  const base = { connection, prefix: options.prefix };
  return new BullJobQueue('redis', {
    queue: new Queue(options.name, base),
    makeWorker: (processor) => new Worker(options.name, processor, { ...base, concurrency: options.concurrency ?? 4 }),
  }, options.log);
}

/** BullMQ on its PostgreSQL backend, in the schema `schema` of the same database (migrated on connect). */
export function createPostgresJobQueue(databaseUrl: string, options: BullQueueOptions & { schema?: string }): JobQueue {
  const connection = { connectionString: databaseUrl, schema: options.schema ?? 'bullmq', migrate: true, max: 4 };
  return new BullJobQueue('postgres', {
    queue: new Queue(options.name, { connection }, createPostgresBackend),
    makeWorker: (processor) => new Worker(options.name, processor, { connection, concurrency: options.concurrency ?? 4 }, createPostgresBackend),
  }, options.log);
}

export class BullJobQueue implements JobQueue {
  private readonly handlers = new Map<string, JobHandler>();
  private worker?: AnyWorker;
  private closing?: Promise<void>;

  constructor(readonly backend: 'redis' | 'postgres', private readonly side: Side, private readonly log?: Logger) {}

  async add<T>(name: string, data: T, options: JobOptions = {}): Promise<string> {
    const job = await this.side.queue.add(name, data, {
      jobId: options.jobId,
      attempts: options.attempts ?? DEFAULT_JOB_OPTIONS.attempts,
      backoff: options.backoff ?? DEFAULT_JOB_OPTIONS.backoff,
      ...(options.delay ? { delay: options.delay } : {}),
      removeOnComplete: { age: KEEP_COMPLETED_SECONDS },
      removeOnFail: false,
    });
    return String(job.id);
  }

  process<T>(name: string, handler: JobHandler<T>): void {
    assertSingleHandler(this.handlers, name);
    this.handlers.set(name, handler);
    this.worker ??= this.startWorker();
  }

  async failed(limit = 100): Promise<FailedJob[]> {
    const jobs = await this.side.queue.getFailed(0, limit - 1);
    return jobs.filter(Boolean).map((job) => ({
      id: String(job.id),
      name: job.name,
      data: job.data,
      error: job.failedReason ?? '',
      attempts: job.attemptsMade,
      failedAt: job.finishedOn ? new Date(job.finishedOn) : undefined,
    }));
  }

  async counts(): Promise<JobCounts> {
    const counts = await this.side.queue.getJobCounts(...JOB_STATES);
    return Object.fromEntries(JOB_STATES.map((state) => [state, counts[state] ?? 0])) as JobCounts;
  }

  async retry(jobId: string): Promise<void> {
    const job = await this.side.queue.getJob(jobId);
    if (!job || !(await job.isFailed())) throw new JobNotFailedError(jobId);
    await job.retry('failed', { resetAttemptsMade: true });
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      await this.worker?.close();
      await this.side.queue.close();
    })();
    return this.closing;
  }

  /** Removes the queue and all its jobs (tests, and an operator's reset). */
  async obliterate(): Promise<void> {
    if (this.closing) throw new Error('the queue is closed');
    await this.side.queue.obliterate({ force: true });
  }

  private startWorker(): AnyWorker {
    const worker = this.side.makeWorker(async (job) => {
      const handler = this.handlers.get(job.name);
      if (!handler) throw new Error(`no handler for job "${job.name}"`);
      await handler(job.data, { id: String(job.id), attempt: job.attemptsMade + 1 });
    });
    worker.on('failed', (job, err) => this.log?.warn({ err, jobId: job?.id, job: job?.name }, 'job failed'));
    worker.on('error', (err) => this.log?.error({ err }, 'job worker error'));
    return worker;
  }
}
