/**
 * Acceptance (issue 6): Redis going away for 10 seconds neither stops the API nor loses or doubles an event. Records
 * are written through the API without pause while a Redis server of this test's own is killed and, 10 s later,
 * started again on the same port: every write answers 2xx (the outbox is in PostgreSQL), the relay keeps the events
 * it could not hand over unpublished and hands them over once Redis is back, and each write's afterCommit hook (the
 * echo fixture's pong) runs exactly once. And an app asked to close while Redis is down closes (the relay's hand-over
 * and BullMQ's goodbye to the server would otherwise wait for Redis for ever).
 *
 * The Redis keeps an append-only file (fsync on every write), as a production Redis under BullMQ must: a Redis
 * without persistence forgets, when it dies, the jobs it held, and no hand-over protocol can bring those back.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net, { type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../../engine/src/security/principal.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

const ECHO = path.resolve(import.meta.dirname, '../fixtures/plugins/echo');
const OUTAGE_MS = 10_000;
const WRITES_AROUND_OUTAGE = 20;

interface RedisServer {
  child: ChildProcess;
  exited: Promise<unknown>;
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write('PING\r\n'));
    socket.once('data', (data) => {
      socket.destroy();
      resolve(data.toString().startsWith('+PONG'));
    });
    socket.once('error', () => resolve(false));
  });
}

async function until(check: () => Promise<boolean> | boolean, what: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function startRedis(port: number, dir: string): Promise<RedisServer> {
  const child = spawn('/usr/bin/redis-server', [
    '--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'yes', '--appendfsync', 'always', '--dir', dir,
  ], { stdio: 'ignore' });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  await until(() => ping(port), `redis-server on port ${port}`, 10_000);
  return { child, exited };
}

let port: number;
let dir: string;
let redis: RedisServer;
let app: TestApp;
let disposed = false;

beforeAll(async () => {
  port = await freePort();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qd-redis-'));
  redis = await startRedis(port, dir);
  app = await startTestApp({ relayOutbox: true, redisUrl: `redis://127.0.0.1:${port}` });
  await app.plugins.install(ECHO, { ctx: systemContext(app.adminId, 'test') });
});

afterAll(async () => {
  if (!disposed) await app?.dispose();
  redis?.child.kill('SIGKILL');
  await redis?.exited;
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

interface Write {
  id?: string;
  status: number;
  startedAt: number;
  endedAt: number;
}

describe('a Redis outage in the middle of writes', () => {
  it('keeps the API answering, then hands every event over and runs each hook once', async () => {
    expect(app.jobs.backend).toBe('redis');
    const writes: Write[] = [];
    let writing = true;
    const writer = (async () => {
      for (let n = 0; writing; n++) {
        const startedAt = Date.now();
        const response = await app.server.inject({ method: 'POST', url: '/api/records/ping', payload: { title: `write ${n}` } });
        writes.push({ id: response.json().id, status: response.statusCode, startedAt, endedAt: Date.now() });
        await sleep(20);
      }
    })();

    await until(() => writes.length >= WRITES_AROUND_OUTAGE, 'writes before the outage', 30_000);
    redis.child.kill('SIGKILL');
    await redis.exited;
    const downAt = Date.now();
    await sleep(OUTAGE_MS);
    redis = await startRedis(port, dir);
    const upAt = Date.now();
    const writtenBeforeRestart = writes.length;
    await until(() => writes.length >= writtenBeforeRestart + WRITES_AROUND_OUTAGE, 'writes after the outage', 30_000);
    writing = false;
    await writer;

    const duringOutage = writes.filter((w) => w.startedAt >= downAt && w.endedAt <= upAt);
    expect(duringOutage.length).toBeGreaterThan(WRITES_AROUND_OUTAGE);
    expect(writes.filter((w) => w.status !== 201)).toEqual([]);

    const unpublished = async () => Number((await app.db.knex('qd_outbox').whereNull('published_at').count({ n: '*' }))[0].n);
    const busy = async () => {
      const counts = await app.jobs.counts();
      return counts.waiting + counts.active + counts.delayed;
    };
    await until(async () => (await unpublished()) === 0 && (await busy()) === 0, 'every event handed over and run', 60_000);
    const pongs = (await app.server.inject({ url: '/api/plugins/echo/pongs' })).json() as { recordId: string; action: string }[];
    expect(pongs.map((p) => p.recordId).sort()).toEqual(writes.map((w) => w.id).sort());
    expect(pongs.every((p) => p.action === 'create')).toBe(true);
    expect((await app.jobs.counts()).failed).toBe(0);
    // Waiting for Redis used up no attempt of any event (the relay gives up on an event after 5).
    const outbox = await app.db.knex('qd_outbox').whereIn('record_id', writes.map((w) => w.id!)).select('attempts', 'last_error');
    expect(outbox.filter((row) => row.attempts !== 1 || row.last_error !== null)).toEqual([]);
  });

  it('still lets the app close while Redis is down, in the middle of a hand-over', async () => {
    redis.child.kill('SIGKILL');
    await redis.exited;
    const response = await app.server.inject({ method: 'POST', url: '/api/records/ping', payload: { title: 'during the close' } });
    expect(response.statusCode).toBe(201);
    const claimed = async () => (await app.db.knex('qd_outbox').where({ record_id: response.json().id }).whereNotNull('claimed_at')).length === 1;
    await until(claimed, 'the relay to take the event', 10_000);
    void app.dispose().then(() => (disposed = true));
    await until(() => disposed, 'the app to close', 40_000);
  });
});
