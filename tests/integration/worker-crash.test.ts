/**
 * Acceptance (issue 6): notifications are idempotent jobs that survive a worker crash. 1,000 notification jobs are
 * queued in one transaction (so they go through the outbox relay), a worker process (`engine/src/worker.ts`, the
 * relay and the handlers without the HTTP server) is SIGKILLed once part of them are done and started again: in the
 * end every key has exactly one in-app notification, none is missing, and the queue holds 1,000 completed jobs and
 * no failed one. On both BullMQ backends.
 *
 * The in-process runner is left out: it lives inside `npm start`'s one process on PGlite, which no second process
 * (the worker, or this test watching the count) may open; its recovery of jobs left active is in jobs.test.ts.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import knexFactory, { type Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresJobQueue, createRedisJobQueue, type BullJobQueue } from '../../engine/src/jobs/bullmq-queue.ts';
import { queueNotification } from '../../engine/src/notifications/notification.job.ts';
import { createTestDatabase, createUser, deploy, startTestApp } from '../helpers/test-app.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const TOTAL = 1000;
const KILL_AFTER = 150;
/** A killed worker's jobs are taken over after their lock runs out; short here so the restart need not wait 30 s. */
const STALLED_MS = 2000;

const note = {
  kind: 'template', name: 'crash_note', label: { 'zh-CN': '测试通知', en: 'Test note' }, channels: ['inApp'],
  subject: { 'zh-CN': '测试', en: 'Test' }, body: { 'zh-CN': '你好', en: 'Hello' },
};

interface Worker {
  child: ChildProcess;
  exited: Promise<number | null>;
  output: () => string;
}

function startWorker(env: NodeJS.ProcessEnv): Worker {
  const child = spawn(process.execPath, ['--import', 'tsx', 'engine/src/worker.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, exited, output: () => output };
}

async function until(check: () => Promise<boolean>, what: string, timeoutMs: number, worker?: Worker): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${worker ? `\nworker output:\n${worker.output()}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const backends = {
  redis: (queueName: string) => ({
    env: { REDIS_URL },
    queue: () => createRedisJobQueue(REDIS_URL, { name: queueName, prefix: 'qudao' }) as BullJobQueue,
  }),
  postgres: (queueName: string, databaseUrl: string) => ({
    env: { REDIS_URL: '' },
    queue: () => createPostgresJobQueue(databaseUrl, { name: queueName, schema: 'qd_bullmq' }) as BullJobQueue,
  }),
};

describe.each(Object.keys(backends) as (keyof typeof backends)[])('a worker killed mid-way, on BullMQ over %s', (backendName) => {
  const queueName = `crash_${randomBytes(4).toString('hex')}`;
  let database: { url: string; drop: () => Promise<void> };
  let knex: Knex;
  let inspector: BullJobQueue;
  const workers: Worker[] = [];
  const notifications = async () => Number((await knex('qd_notifications').count({ n: '*' }))[0].n);

  beforeAll(async () => {
    database = await createTestDatabase();
    const app = await startTestApp({ databaseUrl: database.url });
    expect((await deploy(app, [note])).statusCode).toBe(200);
    const users = [app.adminId];
    for (const username of ['crash.a', 'crash.b', 'crash.c']) users.push((await createUser(app, { username })).id);
    await app.db.knex.transaction(async (trx) => {
      for (let i = 0; i < TOTAL; i++) await queueNotification(trx, { userIds: [users[i % users.length]], template: 'crash_note', key: `crash-${i}` });
    });
    await app.dispose(); // the database is this file's, not the app's: it stays
    knex = knexFactory({ client: 'pg', connection: database.url, pool: { min: 0, max: 2 } });
    inspector = backends[backendName](queueName, database.url).queue();
  });

  afterAll(async () => {
    for (const worker of workers) worker.child.kill('SIGKILL');
    await Promise.all(workers.map((w) => w.exited));
    await inspector?.obliterate().catch(() => undefined);
    await inspector?.close();
    await knex?.destroy();
    await database?.drop();
  });

  it('gives each key exactly one notification after a SIGKILL and a restart', async () => {
    const env = {
      ...process.env, ...backends[backendName](queueName, database.url).env,
      DATABASE_URL: database.url, QUDAO_QUEUE_NAME: queueName, QUDAO_JOB_STALLED_MS: String(STALLED_MS), LOG_LEVEL: 'error',
    };
    const first = startWorker(env);
    workers.push(first);
    await until(async () => (await notifications()) >= KILL_AFTER, `${KILL_AFTER} notifications`, 30_000, first);
    first.child.kill('SIGKILL');
    await first.exited;
    const doneAtKill = await notifications();
    expect(doneAtKill).toBeLessThan(TOTAL);
    // The killed relay's claims on outbox rows would be taken over after a minute; let that minute pass.
    await knex('qd_outbox').whereNull('published_at').whereNotNull('claimed_at').update({ claimed_at: knex.raw("claimed_at - interval '1 minute'") });

    const second = startWorker(env);
    workers.push(second);
    await until(async () => (await inspector.counts()).completed === TOTAL, `${TOTAL} completed jobs`, 45_000, second);

    const keys: string[] = await knex('qd_notifications').orderBy('dedupe_key').pluck('dedupe_key');
    expect(keys).toHaveLength(TOTAL);
    expect(new Set(keys)).toEqual(new Set(Array.from({ length: TOTAL }, (_, i) => `crash-${i}`)));
    expect(await inspector.counts()).toEqual({ waiting: 0, active: 0, delayed: 0, completed: TOTAL, failed: 0 });
    expect(await knex('qd_outbox').whereNull('published_at').count({ n: '*' })).toEqual([{ n: '0' }]);

    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  });
});
