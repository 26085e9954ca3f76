import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import knexFactory, { type Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../engine/src/db/connection.ts';
import { migrateLatest } from '../../engine/src/db/migrate.ts';
import { BullJobQueue, createPostgresJobQueue, createRedisJobQueue } from '../../engine/src/jobs/bullmq-queue.ts';
import { InProcessJobQueue } from '../../engine/src/jobs/in-process-queue.ts';
import { JobNotFailedError, type JobQueue } from '../../engine/src/jobs/job-queue.ts';
import { systemContext } from '../../engine/src/security/principal.ts';
import { createTestDatabase, startTestApp, type TestApp } from '../helpers/test-app.ts';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const RUN = randomBytes(4).toString('hex');

interface Backend {
  /** Where the handlers record their runs and effects. */
  knex: Knex;
  open(queueName: string): JobQueue;
}

let pgDatabase: { url: string; drop: () => Promise<void> };
let pgKnex: Knex;
let embedded: Database;
let embeddedDir: string;
const opened: JobQueue[] = [];

beforeAll(async () => {
  pgDatabase = await createTestDatabase();
  pgKnex = knexFactory({ client: 'pg', connection: pgDatabase.url, pool: { min: 0, max: 4 } });
  embeddedDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qd-jobs-'));
  embedded = openDatabase({ dataDir: embeddedDir });
  await migrateLatest(embedded.knex);
  for (const knex of [pgKnex, embedded.knex]) {
    await knex.raw('CREATE TABLE job_runs (key text NOT NULL, at timestamptz NOT NULL DEFAULT clock_timestamp())');
    await knex.raw('CREATE TABLE job_effects (key text PRIMARY KEY)');
  }
});

afterAll(async () => {
  for (const queue of opened) {
    // A queue closed by its test was reopened under the same name, and that one is obliterated.
    if (queue instanceof BullJobQueue) await queue.obliterate().catch(() => undefined);
    await queue.close().catch(() => undefined);
  }
  await pgKnex?.destroy();
  await pgDatabase?.drop();
  await embedded?.close();
  fs.rmSync(embeddedDir, { recursive: true, force: true });
});

const backends: Record<string, () => Backend> = {
  redis: () => ({ knex: pgKnex, open: (name) => createRedisJobQueue(REDIS_URL, { name, prefix: `qdtest-${RUN}` }) }),
  postgres: () => ({ knex: pgKnex, open: (name) => createPostgresJobQueue(pgDatabase.url, { name, schema: 'qd_bullmq' }) }),
  'in-process': () => ({ knex: embedded.knex, open: (name) => new InProcessJobQueue(embedded.knex, { name, pollMs: 50 }) }),
};

let queueCount = 0;

async function until(check: () => Promise<boolean>, timeoutMs = 8000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(Object.keys(backends))('job queue on %s', (backendName) => {
  let backend: Backend;
  let prefix: string;

  beforeAll(() => {
    backend = backends[backendName]();
    prefix = `${backendName}-${RUN}`;
  });

  function open(name: string): JobQueue {
    const queue = backend.open(name);
    opened.push(queue);
    return queue;
  }

  const freshQueueName = () => `test_${RUN}_${++queueCount}`;
  const key = (k: string) => `${prefix}:${k}`;
  const runs = async (k: string) => Number((await backend.knex('job_runs').where({ key: key(k) }).count({ n: '*' }))[0].n);
  const effects = async (like: string) =>
    Number((await backend.knex('job_effects').where('key', 'like', `${key(like)}%`).count({ n: '*' }))[0].n);

  /** The idempotent handler: one run row per call, one effect row per key however often it runs. */
  const effect = async (data: { key: string }) => {
    await backend.knex('job_runs').insert({ key: key(data.key) });
    await backend.knex('job_effects').insert({ key: key(data.key) }).onConflict('key').ignore();
  };

  it('runs a job once', async () => {
    const queue = open(freshQueueName());
    queue.process('effect', effect);
    await queue.add('effect', { key: 'once' });
    await until(async () => (await effects('once')) === 1);
    await sleep(200);
    expect(await runs('once')).toBe(1);
  });

  it('runs the same jobId once, even added again after it completed', async () => {
    const queue = open(freshQueueName());
    queue.process('effect', effect);
    const [a, b] = await Promise.all([
      queue.add('effect', { key: 'dup' }, { jobId: 'dup-1' }),
      queue.add('effect', { key: 'dup' }, { jobId: 'dup-1' }),
    ]);
    expect([a, b]).toEqual(['dup-1', 'dup-1']);
    await until(async () => (await effects('dup')) === 1);
    await queue.add('effect', { key: 'dup' }, { jobId: 'dup-1' });
    await sleep(300);
    expect(await runs('dup')).toBe(1);
  });

  it('retries a failing job with backoff, then lists it as dead, and retry runs it again', async () => {
    const queue = open(freshQueueName());
    let healthy = false;
    queue.process<{ key: string }>('flaky', async (data) => {
      await backend.knex('job_runs').insert({ key: key(data.key) });
      if (!healthy) throw new Error('supplier API down');
      await backend.knex('job_effects').insert({ key: key(data.key) }).onConflict('key').ignore();
    });
    await queue.add('flaky', { key: 'flaky' }, { jobId: 'flaky-1', attempts: 3, backoff: { type: 'fixed', delay: 150 } });
    await until(async () => (await queue.failed()).some((job) => job.id === 'flaky-1'));
    const [dead] = (await queue.failed()).filter((job) => job.id === 'flaky-1');
    expect(dead).toMatchObject({ name: 'flaky', attempts: 3, data: { key: 'flaky' } });
    expect(dead.error).toContain('supplier API down');
    const times = (await backend.knex('job_runs').where({ key: key('flaky') }).orderBy('at').pluck('at')).map((t) => new Date(t).getTime());
    expect(times).toHaveLength(3);
    for (let i = 1; i < times.length; i++) expect(times[i] - times[i - 1]).toBeGreaterThanOrEqual(140);
    expect(await effects('flaky')).toBe(0);

    healthy = true;
    await queue.retry('flaky-1');
    await until(async () => (await effects('flaky')) === 1);
    expect(await runs('flaky')).toBe(4);
    await until(async () => !(await queue.failed()).some((job) => job.id === 'flaky-1'));
  });

  it('counts the jobs per state, and refuses to retry a job that is not dead', async () => {
    const queue = open(freshQueueName());
    const zero = { waiting: 0, active: 0, delayed: 0, completed: 0, failed: 0 };
    expect(await queue.counts()).toEqual(zero);
    await queue.add('effect', { key: 'count-a' }, { jobId: 'count-a' });
    await queue.add('effect', { key: 'count-b' }, { jobId: 'count-b' });
    expect(await queue.counts()).toEqual({ ...zero, waiting: 2 });
    await expect(queue.retry('count-a')).rejects.toBeInstanceOf(JobNotFailedError);
    await expect(queue.retry('no-such-job')).rejects.toBeInstanceOf(JobNotFailedError);
    queue.process('effect', effect);
    await until(async () => (await effects('count-')) === 2);
    await until(async () => (await queue.counts()).completed === 2);
    expect(await queue.counts()).toEqual({ ...zero, completed: 2 });
  });

  it('a worker closed mid-way and restarted finishes the rest, losing and duplicating nothing', async () => {
    const name = freshQueueName();
    const total = 20;
    const slowEffect = async (data: { key: string }) => {
      await sleep(20);
      await effect(data);
    };
    const first = open(name);
    first.process('effect', slowEffect);
    for (let i = 0; i < total; i++) await first.add('effect', { key: `restart-${String(i).padStart(2, '0')}` }, { jobId: `restart-${i}` });
    await until(async () => (await effects('restart-')) >= 3);
    await first.close();
    const doneBeforeRestart = await effects('restart-');
    expect(doneBeforeRestart).toBeLessThan(total);

    const second = open(name);
    second.process('effect', slowEffect);
    await until(async () => (await effects('restart-')) === total, 15_000);
    await sleep(200);
    const runCount = Number((await backend.knex('job_runs').where('key', 'like', `${key('restart-')}%`).count({ n: '*' }))[0].n);
    expect(await effects('restart-')).toBe(total);
    expect(runCount).toBe(total);
  });
});

describe('the outbox relay through the job queue (PostgreSQL backend)', () => {
  const ECHO = path.resolve(import.meta.dirname, '../fixtures/plugins/echo');
  let app: TestApp;
  const call = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) =>
    app.server.inject({ method, url, payload: payload as object, headers: { 'accept-language': 'en' } });
  const pongsOf = async (id: string) =>
    ((await call('GET', '/api/plugins/echo/pongs')).json() as { recordId: string; action: string }[]).filter((p) => p.recordId === id);

  beforeAll(async () => {
    app = await startTestApp({ relayOutbox: true });
    await app.plugins.install(ECHO, { ctx: systemContext(app.adminId, 'test') });
  });
  afterAll(async () => {
    await app?.dispose();
  });

  it('runs the afterCommit hooks as record.changed jobs, once per event even when the relay delivers it again', async () => {
    expect(app.jobs.backend).toBe('postgres');
    const ping = (await call('POST', '/api/records/ping', { title: 'hello' })).json();
    await call('PATCH', `/api/records/ping/${ping.id}`, { title: 'hello again' });
    await until(async () => (await pongsOf(ping.id)).length === 2);
    expect(await pongsOf(ping.id)).toEqual([{ recordId: ping.id, action: 'create' }, { recordId: ping.id, action: 'update' }]);

    const published = await app.db.knex('qd_outbox').where({ record_id: ping.id }).whereNotNull('published_at');
    expect(published).toHaveLength(2);
    // A relay that crashed before marking the row published delivers it again: the same job id, no second run.
    await app.db.knex('qd_outbox').where({ record_id: ping.id }).update({ published_at: null, claimed_at: null, attempts: 0 });
    await until(async () => (await app.db.knex('qd_outbox').where({ record_id: ping.id }).whereNull('published_at')).length === 0);
    await sleep(300);
    expect(await pongsOf(ping.id)).toHaveLength(2);
  });
});
