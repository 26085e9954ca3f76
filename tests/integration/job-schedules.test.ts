/**
 * Repeating jobs (JobQueue.schedule), alike on the three backends: a schedule adds a job at each time its cron
 * names, the job knows the time it was due (the same on a retry), a schedule replaced by id stays one schedule, and
 * an unscheduled one adds nothing more. Crons here have seconds (6 fields) so that a test waits about a second.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../engine/src/db/connection.ts';
import { migrateLatest } from '../../engine/src/db/migrate.ts';
import { BullJobQueue, createPostgresJobQueue, createRedisJobQueue } from '../../engine/src/jobs/bullmq-queue.ts';
import { InProcessJobQueue } from '../../engine/src/jobs/in-process-queue.ts';
import type { JobContext, JobQueue } from '../../engine/src/jobs/job-queue.ts';
import { createTestDatabase } from '../helpers/test-app.ts';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const RUN = randomBytes(4).toString('hex');

let pgDatabase: { url: string; drop: () => Promise<void> };
let embedded: Database;
let embeddedDir: string;
const opened: JobQueue[] = [];

beforeAll(async () => {
  pgDatabase = await createTestDatabase();
  embeddedDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qd-schedules-'));
  embedded = openDatabase({ dataDir: embeddedDir });
  await migrateLatest(embedded.knex);
});

afterAll(async () => {
  for (const queue of opened) {
    if (queue instanceof BullJobQueue) await queue.obliterate().catch(() => undefined);
    await queue.close().catch(() => undefined);
  }
  await pgDatabase?.drop();
  await embedded?.close();
  fs.rmSync(embeddedDir, { recursive: true, force: true });
});

const backends: Record<string, (name: string) => JobQueue> = {
  redis: (name) => createRedisJobQueue(REDIS_URL, { name, prefix: `qdtest-${RUN}` }),
  postgres: (name) => createPostgresJobQueue(pgDatabase.url, { name, schema: 'qd_bullmq' }),
  'in-process': (name) => new InProcessJobQueue(embedded.knex, { name, pollMs: 50 }),
};

async function until(check: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

let count = 0;

describe.each(Object.keys(backends))('repeating jobs on %s', (backend) => {
  const open = () => {
    const queue = backends[backend](`sched_${RUN}_${++count}`);
    opened.push(queue);
    return queue;
  };
  const every = (id: string, data: unknown) => ({ id, cron: '* * * * * *', timezone: 'Asia/Shanghai', name: 'tick', data });

  it('adds a job at each time, which knows the time it was due, and stops when unscheduled', async () => {
    const queue = open();
    const ticks: { data: unknown; job: JobContext }[] = [];
    queue.process('tick', async (data, job) => { ticks.push({ data, job }); });
    await queue.schedule(every('digest', { automation: 'digest' }));
    expect(await queue.schedules()).toEqual([every('digest', { automation: 'digest' })]);

    await until(() => ticks.length >= 2);
    const due = ticks.map((t) => t.job.scheduledFor!.getTime());
    expect(ticks.map((t) => t.data)).toEqual(ticks.map(() => ({ automation: 'digest' })));
    expect(due.every((t) => t % 1000 === 0)).toBe(true);
    expect(new Set(due).size).toBe(due.length);

    await queue.unschedule('digest');
    expect(await queue.schedules()).toEqual([]);
    const seen = ticks.length;
    const lastDue = Math.max(...ticks.map((t) => t.job.scheduledFor!.getTime()));
    // A job the schedule had already added for its next second may still run; nothing due later does.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(ticks.slice(seen).every((t) => t.job.scheduledFor!.getTime() <= lastDue + 1000)).toBe(true);
  });

  it('keeps the due time on a retry, and replacing a schedule by id keeps one', async () => {
    const queue = open();
    const attempts: JobContext[] = [];
    queue.process('tick', async (_data, job) => {
      attempts.push(job);
      if (job.attempt === 1) throw new Error('first attempt fails');
    });
    await queue.schedule(every('flaky', { n: 1 }));
    await queue.schedule({ ...every('flaky', { n: 2 }), cron: '*/2 * * * * *' });
    expect(await queue.schedules()).toEqual([{ ...every('flaky', { n: 2 }), cron: '*/2 * * * * *' }]);

    await until(() => attempts.some((a) => a.attempt === 2));
    const second = attempts.find((a) => a.attempt === 2)!;
    const first = attempts.find((a) => a.id === second.id && a.attempt === 1)!;
    expect(second.scheduledFor).toEqual(first.scheduledFor);
    expect(second.maxAttempts).toBe(5);
    await queue.unschedule('flaky');
  });
});
