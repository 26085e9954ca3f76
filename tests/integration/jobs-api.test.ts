/**
 * The operator view of the job queue (`/api/admin/jobs`, right `operations`): the counts per state, the
 * dead-letter list without the jobs' data, a retry, and who may see them.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, deploy, startTestApp, type TestApp } from '../helpers/test-app.ts';

type Response = Awaited<ReturnType<TestApp['server']['inject']>>;

const RUN = randomBytes(4).toString('hex');
const label = (en: string) => ({ 'zh-CN': en, en });
const CLERK = { kind: 'role', name: 'clerk', label: label('Clerk') };
const OPERATORS = { kind: 'permissionSet', name: 'operators', label: label('Operators'), rights: ['operations'] };
const USER_ADMINS = { kind: 'permissionSet', name: 'user_admins', label: label('User admins'), rights: ['users'] };

let app: TestApp;
let clerk = { id: '', token: '' };
let userAdmin = { id: '', token: '' };
let operator = { id: '', token: '' };

beforeAll(async () => {
  app = await startTestApp();
  const res = await deploy(app, [CLERK, OPERATORS, USER_ADMINS]);
  expect(res.statusCode, res.body).toBe(200);
  clerk = await createUser(app, { username: 'jobs.clerk', role: 'clerk' });
  userAdmin = await createUser(app, { username: 'jobs.user.admin', permissionSets: ['user_admins'] });
  operator = await createUser(app, { username: 'jobs.operator', permissionSets: ['operators'] });
});
afterAll(async () => app?.dispose());

const as = (token: string) => ({ authorization: `Bearer ${token}` });

function expectProblem(res: Response, status: number, code: string) {
  expect(res.statusCode, res.body).toBe(status);
  expect(String(res.headers['content-type'])).toContain('application/problem+json');
  expect(res.json().code).toBe(code);
}

async function until(check: () => Promise<boolean>, timeoutMs = 6000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const counts = async () => (await app.server.inject({ method: 'GET', url: '/api/admin/jobs' })).json().counts;
const failedList = async () =>
  (await app.server.inject({ method: 'GET', url: '/api/admin/jobs/failed?limit=200' })).json().items as Array<Record<string, unknown>>;

describe('the jobs operator API', () => {
  // First: no handler is registered yet, so nothing takes the added jobs.
  it('reports the backend and counts that move when jobs are added', async () => {
    const res = await app.server.inject({ method: 'GET', url: '/api/admin/jobs' });
    expect(res.statusCode, res.body).toBe(200);
    const before = res.json();
    expect(before.backend).toBe(app.jobs.backend);
    expect(Object.keys(before.counts).sort()).toEqual(['active', 'completed', 'delayed', 'failed', 'waiting']);
    const name = `idle-${RUN}`;
    await app.jobs.add(name, { n: 1 }, { attempts: 1 });
    await app.jobs.add(name, { n: 2 }, { attempts: 1 });
    expect((await counts()).waiting).toBe(before.counts.waiting + 2);
  });

  it('lists a job that always fails as dead, without its data, and a retry runs it again', async () => {
    const name = `always-fails-${RUN}`;
    const runs: number[] = [];
    app.jobs.process<{ secret: string }>(name, async (_data, job) => {
      runs.push(job.attempt);
      throw new Error(`boom ${runs.length}`);
    });
    const id = await app.jobs.add(name, { secret: 's3cret-value' }, { attempts: 2, backoff: { type: 'fixed', delay: 20 } });

    await until(async () => (await failedList()).some((job) => job.id === id));
    expect(runs).toEqual([1, 2]);
    const res = await app.server.inject({ method: 'GET', url: '/api/admin/jobs/failed?limit=200' });
    expect(res.body).not.toContain('s3cret-value');
    const dead = (res.json().items as Array<Record<string, unknown>>).find((job) => job.id === id)!;
    expect(dead).toMatchObject({ id, name, attempts: 2, error: 'boom 2' });
    expect(Object.keys(dead).sort()).toEqual(['attempts', 'error', 'failedAt', 'id', 'name']);
    expect(Number.isNaN(Date.parse(String(dead.failedAt)))).toBe(false);
    expect((await counts()).failed).toBeGreaterThanOrEqual(1);

    const retry = await app.server.inject({ method: 'POST', url: `/api/admin/jobs/${encodeURIComponent(id)}/retry` });
    expect(retry.statusCode, retry.body).toBe(202);
    await until(async () => runs.length === 4 && (await failedList()).some((job) => job.id === id && job.error === 'boom 4'));
    expect(runs).toEqual([1, 2, 1, 2]);
  });

  it('refuses the operator API to users without the right operations, and allows it to those with it', async () => {
    const calls = [
      { method: 'GET', url: '/api/admin/jobs' },
      { method: 'GET', url: '/api/admin/jobs/failed' },
      { method: 'POST', url: '/api/admin/jobs/whatever/retry' },
    ] as const;
    for (const token of [clerk.token, userAdmin.token]) {
      for (const call of calls) expectProblem(await app.server.inject({ ...call, headers: as(token) }), 403, 'FORBIDDEN');
    }
    const allowed = await app.server.inject({ method: 'GET', url: '/api/admin/jobs', headers: as(operator.token) });
    expect(allowed.statusCode, allowed.body).toBe(200);
  });

  it('answers 404 JOB_NOT_FOUND in both languages for a retry of an unknown id, and 400 for a bad limit', async () => {
    const url = `/api/admin/jobs/no-such-job-${RUN}/retry`;
    const zh = await app.server.inject({ method: 'POST', url, headers: { 'accept-language': 'zh-CN' } });
    expectProblem(zh, 404, 'JOB_NOT_FOUND');
    expect(zh.json().title).toBe('失败任务不存在');
    const en = await app.server.inject({ method: 'POST', url, headers: { 'accept-language': 'en' } });
    expectProblem(en, 404, 'JOB_NOT_FOUND');
    expect(en.json().title).toBe('No such failed job');
    expect(en.json().detail).toContain(`no-such-job-${RUN}`);
    expect((await app.server.inject({ method: 'GET', url: '/api/admin/jobs/failed?limit=0' })).statusCode).toBe(400);
  });
});
