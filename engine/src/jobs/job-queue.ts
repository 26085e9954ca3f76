/**
 * The engine's one queue interface (DESIGN "Jobs"). Delivery is at least once: a handler may run again for a job
 * it already ran (a crash after the effect, a retry), so every handler is idempotent. Adding a job whose `jobId`
 * the queue already holds is a no-op, which makes re-delivery of the same event harmless.
 */
export interface Backoff {
  type: 'fixed' | 'exponential';
  /** Milliseconds before the first retry; `exponential` doubles it on each further one. */
  delay: number;
}

export interface JobOptions {
  /** The idempotency key: a job with this id already queued, running, done or dead is not added again. */
  jobId?: string;
  /** Runs in total, the first included, before the job lands in the dead-letter list. */
  attempts?: number;
  backoff?: Backoff;
  /** Milliseconds to wait before the first run (a timer: an approval step's due time). */
  delay?: number;
}

export interface JobContext {
  id: string;
  /** 1 on the first run. */
  attempt: number;
  /** The runs the job may have in all (absent where a caller, a test, leaves it out). */
  maxAttempts?: number;
  /** For a job a schedule produced: the time it was due, the same on every retry. */
  scheduledFor?: Date;
}

/** A repeating job: at each time `cron` names (in `timezone`), the queue adds a job `name` with `data`. */
export interface JobSchedule {
  /** One schedule per id: scheduling an id again replaces it. */
  id: string;
  cron: string;
  timezone: string;
  name: string;
  data: unknown;
}

export type JobHandler<T = any> = (data: T, job: JobContext) => Promise<void>;

/** A job that used up its attempts (the dead-letter list). */
export interface FailedJob {
  id: string;
  name: string;
  data: unknown;
  error: string;
  attempts: number;
  failedAt?: Date;
}

export type JobBackend = 'redis' | 'postgres' | 'in-process';

export const JOB_STATES = ['waiting', 'active', 'delayed', 'completed', 'failed'] as const;
export type JobState = (typeof JOB_STATES)[number];
/** How many jobs the queue holds in each state (`delayed`: waiting for a backoff or a later start). */
export type JobCounts = Record<JobState, number>;

/** `retry` of an id that is not in the dead-letter list (unknown, or not failed). */
export class JobNotFailedError extends Error {
  constructor(readonly jobId: string) {
    super(`no failed job ${jobId}`);
    this.name = 'JobNotFailedError';
  }
}

export interface JobQueue {
  readonly backend: JobBackend;
  /** Queues a job; resolves with its id once the queue holds it durably. */
  add<T>(name: string, data: T, options?: JobOptions): Promise<string>;
  /** Registers the handler of a job name and starts working (one handler per name). */
  process<T>(name: string, handler: JobHandler<T>): void;
  /** The dead-letter list, newest first. */
  failed(limit?: number): Promise<FailedJob[]>;
  /** How many jobs are in each state (the operator view). */
  counts(): Promise<JobCounts>;
  /** Puts a dead job back in the queue with a fresh set of attempts; JobNotFailedError when it is not dead. */
  retry(jobId: string): Promise<void>;
  /** Creates or replaces a repeating job. */
  schedule(schedule: JobSchedule): Promise<void>;
  /** Removes a repeating job (no-op when there is none); jobs it already added stay. */
  unschedule(id: string): Promise<void>;
  /** The repeating jobs. */
  schedules(): Promise<JobSchedule[]>;
  /** Stops taking jobs, waits for the running ones to finish, releases connections. */
  close(): Promise<void>;
}

export const DEFAULT_JOB_OPTIONS = { attempts: 5, backoff: { type: 'exponential', delay: 1000 } } satisfies JobOptions;

/** Milliseconds to wait before run number `attempt + 1`, after run number `attempt` failed. */
export function backoffDelay(backoff: Backoff, attempt: number): number {
  return backoff.type === 'fixed' ? backoff.delay : backoff.delay * 2 ** (attempt - 1);
}

export function assertSingleHandler(handlers: Map<string, JobHandler>, name: string): void {
  if (handlers.has(name)) throw new Error(`a handler for job "${name}" is already registered`);
}
