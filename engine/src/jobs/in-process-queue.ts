import type { Knex } from 'knex';
import type { Logger } from 'pino';
import { v7 as uuidv7 } from 'uuid';
import { nextCronTime } from './cron.ts';
import {
  assertSingleHandler, backoffDelay, DEFAULT_JOB_OPTIONS, JobNotFailedError, type Backoff, type FailedJob, type JobCounts, type JobHandler,
  type JobOptions, type JobQueue, type JobSchedule,
} from './job-queue.ts';

export interface InProcessQueueOptions {
  /** Namespaces the jobs in `qd_jobs`. One runner per queue name. */
  name: string;
  /** How often an idle runner looks for due jobs (retries wait for their backoff). */
  pollMs?: number;
  log?: Logger;
}

interface JobRow {
  queue: string;
  id: string;
  name: string;
  data: unknown;
  attempts_made: number;
  max_attempts: number;
  backoff: Backoff;
  scheduled_for: Date | null;
}

/** A repeating job is a row in this state whose run_at is its next time; when that comes, it adds a job for it. */
const SCHEDULED = 'scheduled';

/**
 * The embedded mode's runner: jobs live in `qd_jobs` in the same database (so they survive a restart), and this
 * process runs them one at a time (PGlite has one connection), with the same retry, backoff and dead-letter
 * semantics as BullMQ.
 */
export class InProcessJobQueue implements JobQueue {
  readonly backend = 'in-process' as const;
  private readonly handlers = new Map<string, JobHandler>();
  private readonly pollMs: number;
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private started = false;
  private stopped = false;

  constructor(private readonly knex: Knex, private readonly options: InProcessQueueOptions) {
    this.pollMs = options.pollMs ?? 500;
  }

  async add<T>(name: string, data: T, options: JobOptions = {}): Promise<string> {
    const id = options.jobId ?? uuidv7();
    await this.knex('qd_jobs')
      .insert({
        queue: this.options.name,
        id,
        name,
        data: JSON.stringify(data ?? null),
        max_attempts: options.attempts ?? DEFAULT_JOB_OPTIONS.attempts,
        backoff: JSON.stringify(options.backoff ?? DEFAULT_JOB_OPTIONS.backoff),
        ...(options.delay ? { run_at: new Date(Date.now() + options.delay) } : {}),
      })
      .onConflict(['queue', 'id'])
      .ignore();
    this.kick();
    return id;
  }

  async schedule(schedule: JobSchedule): Promise<void> {
    const next = nextCronTime(schedule.cron, new Date(), schedule.timezone);
    const row = { name: schedule.name, data: JSON.stringify(schedule.data ?? null), cron: schedule.cron, timezone: schedule.timezone };
    await this.knex('qd_jobs')
      .insert({
        queue: this.options.name, id: schedule.id, state: SCHEDULED, ...row, run_at: next,
        max_attempts: DEFAULT_JOB_OPTIONS.attempts, backoff: JSON.stringify(DEFAULT_JOB_OPTIONS.backoff),
      })
      .onConflict(['queue', 'id'])
      .merge({
        ...row,
        // The same times keep the next run already planned (a sync right at it must not skip it).
        run_at: this.knex.raw(`CASE WHEN qd_jobs.cron = excluded.cron AND qd_jobs.timezone = excluded.timezone THEN qd_jobs.run_at ELSE excluded.run_at END`),
      });
    this.kick();
  }

  async unschedule(id: string): Promise<void> {
    await this.knex('qd_jobs').where({ queue: this.options.name, id, state: SCHEDULED }).delete();
  }

  async schedules(): Promise<JobSchedule[]> {
    const rows = await this.knex('qd_jobs').where({ queue: this.options.name, state: SCHEDULED }).orderBy('id');
    return rows.map((row) => ({ id: row.id, cron: row.cron, timezone: row.timezone, name: row.name, data: row.data }));
  }

  process<T>(name: string, handler: JobHandler<T>): void {
    assertSingleHandler(this.handlers, name);
    this.handlers.set(name, handler);
    if (!this.started) {
      this.started = true;
      this.running = this.recoverInterrupted().then(() => this.passIn(0));
    } else {
      this.kick();
    }
  }

  async failed(limit = 100): Promise<FailedJob[]> {
    const rows = await this.knex('qd_jobs')
      .where({ queue: this.options.name, state: 'failed' })
      .orderBy('finished_at', 'desc')
      .limit(limit);
    return rows.map((row) => ({
      id: row.id, name: row.name, data: row.data, error: row.last_error ?? '', attempts: row.attempts_made, failedAt: row.finished_at,
    }));
  }

  async counts(): Promise<JobCounts> {
    const { rows } = await this.knex.raw(
      `SELECT CASE WHEN state = 'waiting' AND run_at > now() THEN 'delayed' ELSE state END AS state, count(*)::int AS n
       FROM qd_jobs WHERE queue = ? GROUP BY 1`,
      [this.options.name],
    );
    const counts: JobCounts = { waiting: 0, active: 0, delayed: 0, completed: 0, failed: 0 };
    for (const row of rows as { state: keyof JobCounts; n: number }[]) if (row.state in counts) counts[row.state] = Number(row.n);
    return counts;
  }

  async retry(jobId: string): Promise<void> {
    const updated = await this.knex('qd_jobs')
      .where({ queue: this.options.name, id: jobId, state: 'failed' })
      .update({ state: 'waiting', attempts_made: 0, run_at: this.knex.fn.now(), finished_at: null });
    if (!updated) throw new JobNotFailedError(jobId);
    this.kick();
  }

  async close(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** A job left active by a process that stopped mid-way runs again (at least once). */
  private async recoverInterrupted(): Promise<void> {
    await this.knex('qd_jobs').where({ queue: this.options.name, state: 'active' }).update({ state: 'waiting', claimed_at: null });
  }

  private kick(): void {
    if (!this.started || this.stopped) return;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.running = (this.running ?? Promise.resolve()).then(() => { if (!this.timer) this.passIn(0); });
  }

  private passIn(delay: number): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.running = this.drain()
        .catch((err) => this.options.log?.error({ err }, 'job runner pass failed'))
        .finally(() => this.passIn(this.pollMs));
    }, delay);
  }

  private async drain(): Promise<void> {
    await this.addScheduledJobs();
    for (let job = await this.claim(); job; job = this.stopped ? undefined : await this.claim()) {
      await this.run(job);
    }
  }

  /** Each schedule whose time came adds its job (once per time: the id says which) and moves on to its next time. */
  private async addScheduledJobs(): Promise<void> {
    await this.knex.transaction(async (trx) => {
      const due = await trx('qd_jobs').where({ queue: this.options.name, state: SCHEDULED }).where('run_at', '<=', trx.fn.now()).forUpdate().skipLocked();
      for (const schedule of due) {
        await trx('qd_jobs')
          .insert({
            queue: schedule.queue, id: `repeat:${schedule.id}:${schedule.run_at.getTime()}`, name: schedule.name, data: JSON.stringify(schedule.data),
            max_attempts: schedule.max_attempts, backoff: JSON.stringify(schedule.backoff), run_at: schedule.run_at, scheduled_for: schedule.run_at,
          })
          .onConflict(['queue', 'id'])
          .ignore();
        await trx('qd_jobs').where({ queue: schedule.queue, id: schedule.id }).update({ run_at: nextCronTime(schedule.cron, new Date(), schedule.timezone) });
      }
    });
  }

  private async claim(): Promise<JobRow | undefined> {
    const names = [...this.handlers.keys()];
    const { rows } = await this.knex.raw(
      `UPDATE qd_jobs SET state = 'active', attempts_made = attempts_made + 1, claimed_at = now()
       WHERE (queue, id) IN (SELECT queue, id FROM qd_jobs
                             WHERE queue = ? AND state = 'waiting' AND run_at <= now() AND name = ANY(?)
                             ORDER BY run_at, created_at LIMIT 1 FOR UPDATE SKIP LOCKED)
       RETURNING queue, id, name, data, attempts_made, max_attempts, backoff, scheduled_for`,
      [this.options.name, names],
    );
    return rows[0];
  }

  private async run(job: JobRow): Promise<void> {
    const key = { queue: job.queue, id: job.id };
    try {
      await this.handlers.get(job.name)!(job.data, {
        id: job.id,
        attempt: job.attempts_made,
        maxAttempts: job.max_attempts,
        ...(job.scheduled_for ? { scheduledFor: new Date(job.scheduled_for) } : {}),
      });
      await this.knex('qd_jobs').where(key).update({ state: 'completed', finished_at: this.knex.fn.now() });
    } catch (error) {
      const dead = job.attempts_made >= job.max_attempts;
      this.options.log?.warn({ err: error, jobId: job.id, job: job.name, dead }, 'job failed');
      const delay = backoffDelay(job.backoff, job.attempts_made);
      await this.knex('qd_jobs').where(key).update({
        state: dead ? 'failed' : 'waiting',
        last_error: (error as Error).message ?? String(error),
        run_at: this.knex.raw(`now() + ? * interval '1 millisecond'`, [dead ? 0 : delay]),
        finished_at: dead ? this.knex.fn.now() : null,
      });
    }
  }
}
