import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { JobQueue } from '../jobs/job-queue.ts';
import { QueueUnreachableError } from '../jobs/bounded-add.ts';
import { JOB_TOPIC, outboxJobOptions, type OutboxJob } from '../jobs/outbox-jobs.ts';
import type { AfterCommitEvent } from '../plugin-api.ts';

const BATCH = 100;
const MAX_ATTEMPTS = 5;
const IDLE_MS = 1000;

/**
 * Hands committed events on, from the outbox, at least once. A record's write goes, in a running server, to the job
 * queue (a `record.changed` job per event, whose handler runs the afterCommit hooks and automations, see
 * jobs/record-changed.job.ts), else (CLI, tests) straight to the hooks. A job a transaction queued
 * (jobs/outbox-jobs.ts) goes to the job queue in every mode. A row is marked published only after its hand-over
 * resolved. Several instances share the work (SKIP LOCKED). A failing hand-over is retried on the next passes and
 * given up after MAX_ATTEMPTS. An unreachable queue (QueueUnreachableError: hand it a `boundedAdd` queue) is no fault
 * of the event: the pass stops, its rows go back unpublished without using an attempt, and the next pass tries again.
 */
export class OutboxRelay {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;

  constructor(
    private readonly knex: Knex,
    private readonly deliver: (event: AfterCommitEvent, outboxId: string) => Promise<void>,
    private readonly jobs: Pick<JobQueue, 'add'>,
    private readonly log: Logger,
  ) {}

  start(): void {
    this.schedule(0);
  }

  /** Delivers what is waiting now; resolves when the outbox has nothing left that is due. */
  async drain(): Promise<void> {
    while (!this.stopped && (await this.pass()) > 0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.drain()
        .catch((err) => this.log.error({ err }, 'outbox relay pass failed'))
        .finally(() => this.schedule(IDLE_MS));
    }, delay);
  }

  /**
   * Claims a batch in one statement (SKIP LOCKED, so instances don't collide), then delivers without holding a
   * transaction: a hook may itself read and write records (and the embedded database has one connection).
   */
  private async pass(): Promise<number> {
    const { rows } = await this.knex.raw(
      `UPDATE qd_outbox SET attempts = attempts + 1, claimed_at = now()
       WHERE id IN (SELECT id FROM qd_outbox
                    WHERE published_at IS NULL AND attempts < ? AND (claimed_at IS NULL OR claimed_at < now() - interval '1 minute')
                    ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED)
       RETURNING id, topic, object, record_id, audit_id, payload, attempts`,
      [MAX_ATTEMPTS, BATCH],
    );
    if (!rows.length) return 0;
    const audit = new Map(
      (await this.knex('qd_audit').whereIn('id', rows.filter((r: { audit_id: string | null }) => r.audit_id !== null).map((r: { audit_id: string }) => r.audit_id))
        .select('id', 'action', 'changes', 'actor', 'cause'))
        .map((a) => [String(a.id), a]),
    );
    const ordered = rows.sort((a: { id: number }, b: { id: number }) => Number(a.id) - Number(b.id));
    for (const [index, row] of ordered.entries()) {
      if (await this.handle(row, audit.get(String(row.audit_id)))) continue;
      await this.release(ordered.slice(index).map((r: { id: string }) => r.id));
      return 0;
    }
    return rows.length;
  }

  /** Hands one row over; false when the job queue is unreachable (the row stays as it was claimed). */
  private async handle(row: Record<string, any>, audit: Record<string, any> | undefined): Promise<boolean> {
    try {
      if (row.topic === JOB_TOPIC) {
        const job = row.payload as OutboxJob;
        await this.jobs.add(job.name, job.data, outboxJobOptions(job));
      } else if (audit) {
        const event: AfterCommitEvent = { object: row.object, recordId: row.record_id, action: audit.action, changes: audit.changes, actor: audit.actor };
        if (audit.cause) event.cause = audit.cause;
        await this.deliver(event, String(row.id));
      }
      await this.knex('qd_outbox').where({ id: row.id }).update({ published_at: this.knex.fn.now() });
    } catch (error) {
      if (error instanceof QueueUnreachableError) {
        this.log.warn({ err: error, outboxId: row.id }, 'job queue unreachable; outbox hand-over paused');
        return false;
      }
      this.log.warn({ err: error, outboxId: row.id }, 'outbox hand-over failed; will retry');
      await this.knex('qd_outbox').where({ id: row.id }).update({
        last_error: (error as Error).message,
        claimed_at: null,
        ...(row.attempts >= MAX_ATTEMPTS ? { published_at: this.knex.fn.now() } : {}),
      });
    }
    return true;
  }

  /** Gives claimed rows back for the next pass, and their claim's attempt with them. */
  private async release(ids: string[]): Promise<void> {
    await this.knex('qd_outbox').whereIn('id', ids).update({ claimed_at: null, attempts: this.knex.raw('attempts - 1') });
  }
}
