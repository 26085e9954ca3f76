import { Queue, Worker, createPostgresBackend, type Job } from 'bullmq';
import type { Logger } from 'pino';
import {
  assertSingleHandler, DEFAULT_JOB_OPTIONS, JOB_STATES, JobNotFailedError, type FailedJob, type JobCounts, type JobHandler, type JobOptions,
  type JobQueue, type JobSchedule,
} from './job-queue.ts';

/** Completed jobs are kept this long so that a re-added jobId stays a no-op (idempotency window). */
const KEEP_COMPLETED_SECONDS = 7 * 24 * 3600;

export interface BullQueueOptions {
  /** The BullMQ queue name; one queue carries every job name of the engine. */
  name: string;
  /** Redis key prefix (the PostgreSQL backend namespaces by schema instead). */
  prefix?: string;
  concurrency?: number;
  /**
   * How long a running job's lock holds without renewal (the worker renews it at half this), and how often workers
   * look for jobs whose lock ran out: a crashed worker's jobs run again elsewhere within about twice this.
   */
  stalledMs?: number;
  log?: Logger;
}

/** How long `close` waits for the running jobs and a clean goodbye to the server before it gives up on the goodbye. */
const CLOSE_GRACE_MS = 10_000;

/** After Redis went away, try again soon and at most every 5 s (BullMQ's default waits up to 20 s between tries). */
const reconnectDelay = (times: number) => Math.min(500 * times, 5000);

/** How every job is kept: remembered a while once done (see KEEP_COMPLETED_SECONDS), kept when dead. */
const retention = { removeOnComplete: { age: KEEP_COMPLETED_SECONDS }, removeOnFail: false };

/** Either backend's queue and worker (they differ only in their connection type). */
type AnyQueue = Queue<any, any, string, any, any, string, any, any>;
type AnyWorker = Worker<any, any, string, any, any, any>;
type Side = { queue: AnyQueue; makeWorker: (processor: (job: Job) => Promise<void>) => AnyWorker };

/** BullMQ on Redis (`REDIS_URL`). */
export function createRedisJobQueue(url: string, options: BullQueueOptions): JobQueue {
  const connection = { url, maxRetriesPerRequest: null, retryStrategy: reconnectDelay };
  const base = { connection, prefix: options.prefix };
  return new BullJobQueue('redis', {
    queue: new Queue(options.name, base),
    makeWorker: (processor) => new Worker(options.name, processor, { ...base, ...workerOptions(options) }),
  }, options.log);
}

/** BullMQ on its PostgreSQL backend, in the schema `schema` of the same database (migrated on connect). */
export function createPostgresJobQueue(databaseUrl: string, options: BullQueueOptions & { schema?: string }): JobQueue {
  const connection = { connectionString: databaseUrl, schema: options.schema ?? 'bullmq', migrate: true, max: 4 };
  return new BullJobQueue('postgres', {
    queue: new Queue(options.name, { connection }, createPostgresBackend),
    makeWorker: (processor) => new Worker(options.name, processor, { connection, ...workerOptions(options) }, createPostgresBackend),
  }, options.log);
}

function workerOptions(options: BullQueueOptions) {
  const stalled = options.stalledMs ? { lockDuration: options.stalledMs, stalledInterval: options.stalledMs } : {};
  return { concurrency: options.concurrency ?? 4, ...stalled };
}

export class BullJobQueue implements JobQueue {
  private readonly handlers = new Map<string, JobHandler>();
  private worker?: AnyWorker;
  private closing?: Promise<void>;

  constructor(readonly backend: 'redis' | 'postgres', private readonly side: Side, private readonly log?: Logger) {
    side.queue.on('error', (err) => this.log?.warn({ err }, 'job queue connection error'));
  }

  async add<T>(name: string, data: T, options: JobOptions = {}): Promise<string> {
    const job = await this.side.queue.add(name, data, {
      ...retention,
      jobId: options.jobId,
      attempts: options.attempts ?? DEFAULT_JOB_OPTIONS.attempts,
      backoff: options.backoff ?? DEFAULT_JOB_OPTIONS.backoff,
      ...(options.delay ? { delay: options.delay } : {}),
    });
    return String(job.id);
  }

  async schedule(schedule: JobSchedule): Promise<void> {
    await this.side.queue.upsertJobScheduler(schedule.id, { pattern: schedule.cron, tz: schedule.timezone }, {
      name: schedule.name, data: schedule.data, opts: { ...retention, ...DEFAULT_JOB_OPTIONS },
    });
  }

  async unschedule(id: string): Promise<void> {
    await this.side.queue.removeJobScheduler(id);
  }

  async schedules(): Promise<JobSchedule[]> {
    const schedulers = await this.side.queue.getJobSchedulers(0, -1);
    return schedulers.map((s) => ({ id: s.key, cron: s.pattern ?? '', timezone: s.tz ?? 'UTC', name: s.name, data: s.template?.data }));
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
    this.closing ??= this.closeWithin(CLOSE_GRACE_MS);
    return this.closing;
  }

  /** Removes the queue and all its jobs (tests, and an operator's reset). */
  async obliterate(): Promise<void> {
    if (this.closing) throw new Error('the queue is closed');
    await this.side.queue.obliterate({ force: true });
  }

  /**
   * Lets the running jobs finish and says goodbye to the server. A server that stays unreachable would keep that
   * waiting for ever (the client holds its commands until it reconnects, and a disconnect while reconnecting never
   * reports its end), so after `graceMs` the clients are told to stop reconnecting and the close returns.
   */
  private async closeWithin(graceMs: number): Promise<void> {
    const graceful = (async () => {
      await this.worker?.close();
      await this.side.queue.close();
    })();
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), graceMs);
    });
    const outcome = await Promise.race([graceful, late]);
    clearTimeout(timer);
    if (outcome !== 'late') return;
    this.log?.warn({ graceMs }, 'the job queue server did not answer the close; leaving without a goodbye');
    graceful.catch(() => undefined);
    this.worker?.disconnect().catch(() => undefined);
    this.side.queue.disconnect().catch(() => undefined);
  }

  private startWorker(): AnyWorker {
    const worker = this.side.makeWorker(async (job) => {
      const handler = this.handlers.get(job.name);
      if (!handler) throw new Error(`no handler for job "${job.name}"`);
      await handler(job.data, {
        id: String(job.id),
        attempt: job.attemptsMade + 1,
        maxAttempts: job.opts.attempts,
        ...(job.repeatJobKey && job.opts.prevMillis ? { scheduledFor: new Date(job.opts.prevMillis) } : {}),
      });
    });
    worker.on('failed', (job, err) => this.log?.warn({ err, jobId: job?.id, job: job?.name }, 'job failed'));
    worker.on('error', (err) => this.log?.error({ err }, 'job worker error'));
    return worker;
  }
}
