/**
 * Outgoing webhooks end to end on real PostgreSQL, BullMQ's PostgreSQL backend and a real receiver (node:http on
 * 127.0.0.1, a random port): queued in a transaction (nothing if it rolls back, once per key), sent after the commit
 * with a signature the receiver can verify, retried with backoff and logged per attempt, failed and dead-lettered
 * when the receiver never answers 2xx, redelivered by an operator; and the operator API's rights and problems.
 */
import http, { type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverWebhook } from '../../engine/src/webhooks/deliver-webhook.ts';
import { queueWebhook, type WebhookRequest, type WebhookRetry } from '../../engine/src/webhooks/queue-webhook.ts';
import { verifyWebhookSignature } from '../../engine/src/webhooks/signature.ts';
import { webhookSigningSecret } from '../../engine/src/webhooks/signing-secret.ts';
import { createUser, deploy, startTestApp, type TestApp } from '../helpers/test-app.ts';

type Response = Awaited<ReturnType<TestApp['server']['inject']>>;

interface Received {
  method: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** Three quick attempts, so a failing receiver uses them up in a moment. */
const QUICK: WebhookRetry = { attempts: 3, backoff: { type: 'fixed', delay: 50 } };
const label = (en: string) => ({ 'zh-CN': en, en });

let app: TestApp;
let clerk = { id: '', token: '' };
let receiver: http.Server;
let baseUrl = '';
/** What the receiver got, per path. */
const received = new Map<string, Received[]>();
/** The statuses a path answers with, in turn; the last one repeats. Unlisted paths answer 200. */
const answers = new Map<string, number[]>();

beforeAll(async () => {
  app = await startTestApp({ relayOutbox: true });
  const res = await deploy(app, [{ kind: 'role', name: 'clerk', label: label('Clerk') }]);
  expect(res.statusCode, res.body).toBe(200);
  clerk = await createUser(app, { username: 'webhooks.clerk', role: 'clerk' });
  receiver = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = request.url ?? '/';
      const got = received.get(path) ?? [];
      got.push({ method: request.method ?? '', headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      received.set(path, got);
      const statuses = answers.get(path) ?? [200];
      const status = statuses[Math.min(got.length, statuses.length) - 1];
      response.writeHead(status, { 'content-type': 'text/plain' }).end(status >= 300 ? `down for maintenance ${'.'.repeat(2000)}` : 'ok');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => (receiver ? receiver.close(() => resolve()) : resolve()));
  await app?.dispose();
});

async function until(check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function queue(path: string, request: Partial<WebhookRequest> = {}, retry = QUICK): Promise<string> {
  return app.db.knex.transaction((trx) => queueWebhook(trx, {
    url: `${baseUrl}${path}`,
    event: 'workflow.action',
    payload: { source: 'workflow:dealer_onboarding/activate', record: { id: path, name: '协和医院' } },
    source: 'workflow:dealer_onboarding/activate',
    key: `key${path}`,
    ...request,
  }, retry));
}

const get = (url: string, token?: string) =>
  app.server.inject({ method: 'GET', url, headers: { 'accept-language': 'en', ...(token ? { authorization: `Bearer ${token}` } : {}) } });
const delivery = async (id: string) => (await get(`/api/admin/webhooks/deliveries/${id}`)).json();
const untilStatus = (id: string, status: string) => until(async () => (await delivery(id)).status === status);
const requestsTo = (path: string) => received.get(path) ?? [];

function expectProblem(res: Response, status: number, code: string) {
  expect(res.statusCode, res.body).toBe(status);
  expect(String(res.headers['content-type'])).toContain('application/problem+json');
  expect(res.json().code).toBe(code);
}

describe('webhook delivery', () => {
  it('sends a queued webhook after the commit, signed so that the receiver can verify it (and refuse an altered body)', async () => {
    const id = await queue('/signed', { method: 'PUT' });
    await untilStatus(id, 'delivered');
    const [request] = requestsTo('/signed');
    expect(request.method).toBe('PUT');
    expect(request.headers).toMatchObject({
      'content-type': 'application/json', 'user-agent': 'Qudao-Webhooks/1', 'x-qudao-delivery': id, 'x-qudao-event': 'workflow.action',
    });
    expect(JSON.parse(request.body)).toEqual({ source: 'workflow:dealer_onboarding/activate', record: { id: '/signed', name: '协和医院' } });

    const secretRes = await get('/api/admin/webhooks/secret');
    expect(secretRes.statusCode, secretRes.body).toBe(200);
    expect(secretRes.headers['cache-control']).toBe('no-store');
    const { secret, source } = secretRes.json();
    expect(source).toBe('database');
    const signature = String(request.headers['x-qudao-signature']);
    expect(signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(verifyWebhookSignature(secret, signature, request.body, 300)).toBe(true);
    expect(verifyWebhookSignature(secret, signature, request.body.replace('协和', '仁济'), 300)).toBe(false);
  });

  it('retries a receiver that answers 500 twice, then 200: delivered after 3 attempts, each logged with its status', async () => {
    answers.set('/flaky', [500, 500, 200]);
    const id = await queue('/flaky');
    await untilStatus(id, 'delivered');
    const found = await delivery(id);
    expect(found).toMatchObject({ status: 'delivered', attemptsMade: 3, lastStatusCode: 200, lastError: null });
    expect(found.deliveredAt).not.toBeNull();
    expect(found.attempts.map((a: Record<string, unknown>) => [a.attempt, a.statusCode, a.error])).toEqual([
      [1, 500, 'HTTP 500'], [2, 500, 'HTTP 500'], [3, 200, null],
    ]);
    expect(found.attempts[0].responseExcerpt).toMatch(/^down for maintenance \.+$/);
    expect(found.attempts[0].responseExcerpt.length).toBeLessThanOrEqual(500);
    expect(new Set(requestsTo('/flaky').map((r) => r.headers['x-qudao-delivery']))).toEqual(new Set([id]));
  });

  it('marks a delivery failed when the receiver keeps failing, dead-letters its job, and redelivers it once fixed', async () => {
    answers.set('/down', [503]);
    const id = await queue('/down');
    await untilStatus(id, 'failed');
    expect(await delivery(id)).toMatchObject({ attemptsMade: 3, lastStatusCode: 503, lastError: 'HTTP 503' });
    const failedList = await get('/api/admin/webhooks/deliveries?status=failed');
    expect(failedList.json().data.map((d: { id: string }) => d.id)).toContain(id);
    expect((await get('/api/admin/webhooks/deliveries?status=delivered')).json().data.map((d: { id: string }) => d.id)).not.toContain(id);
    await until(async () => (await app.jobs.failed()).some((job) => job.id === `webhook-${id}`));
    const dead = (await app.jobs.failed()).find((job) => job.id === `webhook-${id}`)!;
    expect(dead).toMatchObject({ name: 'webhook.deliver', attempts: 3 });
    expect(dead.error).toContain('HTTP 503');

    answers.set('/down', [503, 503, 503, 200]);
    const redelivered = await app.server.inject({ method: 'POST', url: `/api/admin/webhooks/deliveries/${id}/redeliver` });
    expect(redelivered.statusCode, redelivered.body).toBe(202);
    expect(redelivered.json()).toMatchObject({ id, status: 'pending' });
    await untilStatus(id, 'delivered');
    expect((await delivery(id)).attempts.map((a: { statusCode: number }) => a.statusCode)).toEqual([503, 503, 503, 200]);

    const again = await app.server.inject({ method: 'POST', url: `/api/admin/webhooks/deliveries/${id}/redeliver`, headers: { 'accept-language': 'en' } });
    expectProblem(again, 409, 'WEBHOOK_DELIVERY_STATE');
    expect(again.json().detail).toContain('only a failed delivery can be redelivered');
  });

  it('makes the same key queued twice one delivery and one request', async () => {
    const first = await queue('/twice');
    const second = await queue('/twice');
    expect(second).toBe(first);
    await untilStatus(first, 'delivered');
    expect(await app.db.knex('qd_webhook_deliveries').where({ key: 'key/twice' }).count({ n: '*' })).toEqual([{ n: '1' }]);
    const queued = await app.db.knex('qd_outbox').whereRaw(`payload->'data'->>'deliveryId' = ?`, [first]);
    expect(queued).toHaveLength(1);
    expect(queued[0].published_at).not.toBeNull();
    expect(requestsTo('/twice')).toHaveLength(1);
  });

  it('sends once when the delivery job runs again after it delivered', async () => {
    const id = await queue('/rerun');
    await untilStatus(id, 'delivered');
    const deps = { knex: app.db.knex, secret: webhookSigningSecret(app.db.knex) };
    await deliverWebhook(deps, id, { id: `webhook-${id}`, attempt: 1 });
    await deliverWebhook(deps, id, { id: `webhook-${id}`, attempt: 2 });
    expect(requestsTo('/rerun')).toHaveLength(1);
    expect((await delivery(id)).attemptsMade).toBe(1);
  });

  it('queues nothing when the transaction rolls back', async () => {
    const queuedJobs = () => app.db.knex('qd_outbox').whereRaw(`payload->>'name' = 'webhook.deliver'`).count({ n: '*' });
    const before = await queuedJobs();
    await expect(app.db.knex.transaction(async (trx) => {
      await queueWebhook(trx, { url: `${baseUrl}/rolled-back`, event: 'workflow.action', payload: {}, source: 'test', key: 'key/rolled-back' });
      throw new Error('the transition failed');
    })).rejects.toThrow('the transition failed');
    expect(await app.db.knex('qd_webhook_deliveries').where({ key: 'key/rolled-back' })).toEqual([]);
    expect(await queuedJobs()).toEqual(before);
  });

  it('refuses a URL that is not absolute http(s)', async () => {
    for (const url of ['file:///etc/passwd', 'ftp://erp.example.cn/x', '/relative/path']) {
      await expect(queue('/never', { url, key: `key-${url}` })).rejects.toThrow('absolute http(s) URL');
    }
  });
});

describe('the webhooks operator API', () => {
  it('pages the deliveries newest first', async () => {
    const ids = [await queue('/page-1'), await queue('/page-2'), await queue('/page-3')];
    const first = (await get('/api/admin/webhooks/deliveries?limit=2')).json();
    expect(first.data.map((d: { id: string }) => d.id)).toEqual([ids[2], ids[1]]);
    expect(first.data[0]).not.toHaveProperty('payload');
    const second = (await get(`/api/admin/webhooks/deliveries?limit=2&cursor=${first.nextCursor}`)).json();
    expect(second.data[0].id).toBe(ids[0]);
  });

  it('refuses a user without the right operations', async () => {
    for (const url of ['/api/admin/webhooks/deliveries', '/api/admin/webhooks/secret', `/api/admin/webhooks/deliveries/${await queue('/forbidden')}`]) {
      expectProblem(await get(url, clerk.token), 403, 'FORBIDDEN');
    }
    const res = await app.server.inject({
      method: 'POST', url: '/api/admin/webhooks/deliveries/00000000-0000-7000-8000-000000000000/redeliver', headers: { authorization: `Bearer ${clerk.token}` },
    });
    expectProblem(res, 403, 'FORBIDDEN');
  });

  it('answers problem+json for an unknown delivery, in both languages, and 400 for bad parameters', async () => {
    const unknown = '00000000-0000-7000-8000-000000000000';
    const en = await get(`/api/admin/webhooks/deliveries/${unknown}`);
    expectProblem(en, 404, 'WEBHOOK_DELIVERY_NOT_FOUND');
    expect(en.json()).toMatchObject({ title: 'No such webhook delivery', detail: `No webhook delivery ${unknown}` });
    const zh = await app.server.inject({ method: 'GET', url: `/api/admin/webhooks/deliveries/${unknown}`, headers: { 'accept-language': 'zh-CN' } });
    expect(zh.json()).toMatchObject({ title: 'Webhook 投递不存在', detail: `没有 Webhook 投递 ${unknown}` });
    expectProblem(await get('/api/admin/webhooks/deliveries/not-a-uuid'), 404, 'WEBHOOK_DELIVERY_NOT_FOUND');
    expectProblem(await app.server.inject({ method: 'POST', url: `/api/admin/webhooks/deliveries/${unknown}/redeliver` }), 404, 'WEBHOOK_DELIVERY_NOT_FOUND');
    expectProblem(await get('/api/admin/webhooks/deliveries?status=lost'), 400, 'BAD_REQUEST');
    expectProblem(await get('/api/admin/webhooks/deliveries?cursor=zzz'), 400, 'BAD_REQUEST');
    expectProblem(await get('/api/admin/webhooks/deliveries?limit=0'), 400, 'BAD_REQUEST');
  });
});
