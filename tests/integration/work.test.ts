import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, startTestApp, type TestApp } from '../helpers/test-app.ts';

let app: TestApp;
let other: { id: string; token: string };
const knex = () => app.db.knex;

const label = (en: string, zh = en) => ({ 'zh-CN': zh, en });
const clinic = (fields: object[] = []) => ({
  kind: 'object',
  name: 'clinic',
  label: label('Clinic', '诊所'),
  fields: [
    { name: 'name', type: 'text', label: label('Name', '名称'), required: true },
    { name: 'staff', type: 'integer', label: label('Staff', '人数') },
    ...fields,
  ],
});

type Work = { id: string; kind: string; status: string; done: number; total: number | null; message: { en: string } | null; result: unknown; userId: string };

const deployAs = (documents: unknown[], headers: Record<string, string> = {}, extra: object = {}) =>
  app.server.inject({ method: 'POST', url: '/api/meta/deploy', payload: { documents, ...extra }, headers: { 'accept-language': 'en', ...headers } });
const getWork = (id: string, token?: string) =>
  app.server.inject({ method: 'GET', url: `/api/work/${id}`, headers: token ? { authorization: `Bearer ${token}` } : {} });
const workRows = async () => Number((await knex()('qd_work').count<{ n: string }[]>({ n: '*' }))[0]!.n);
const columns = async (table: string) =>
  (await knex()('information_schema.columns').where({ table_schema: 'data', table_name: table }).pluck('column_name')).sort();
const indexes = async () => (await knex()('pg_indexes').where('schemaname', 'data').pluck('indexname')).sort();

beforeAll(async () => {
  app = await startTestApp();
  other = await createUser(app, { username: 'someone.else' });
}, 120_000);
afterAll(async () => app?.dispose());

describe('background work of a metadata deploy', () => {
  const workId = randomUUID();

  it('leaves no work behind a dry run', async () => {
    const before = await workRows();
    const dry = await deployAs([clinic()], { 'x-work-id': randomUUID() }, { dryRun: true });
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json().workId).toBeUndefined();
    expect(await workRows()).toBe(before);
  });

  it('records a deploy with the client-chosen id: succeeded, every step done, readable by its starter only', async () => {
    const res = await deployAs([clinic()], { 'x-work-id': workId });
    expect(res.statusCode, res.body).toBe(200);
    const { steps, workId: answered } = res.json() as { steps: unknown[]; workId: string };
    expect(answered).toBe(workId);

    const mine = await getWork(workId);
    expect(mine.statusCode).toBe(200);
    expect(mine.json()).toMatchObject({ id: workId, kind: 'deploy', status: 'succeeded', userId: app.adminId, done: steps.length, total: steps.length });
    expect(mine.json().finishedAt).toBeTruthy();
    expect(mine.json().result).toMatchObject({ steps: steps.length });

    const theirs = await getWork(workId, other.token);
    expect(theirs.statusCode).toBe(404);
    expect(theirs.json().code).toBe('WORK_NOT_FOUND');
    const theirList = await app.server.inject({ method: 'GET', url: '/api/work', headers: { authorization: `Bearer ${other.token}` } });
    expect(theirList.json().data).toEqual([]);
    const everyone = await app.server.inject({ method: 'GET', url: '/api/work?all=true', headers: { authorization: `Bearer ${other.token}` } });
    expect(everyone.statusCode).toBe(403);
    const myList = await app.server.inject({ method: 'GET', url: '/api/work?limit=10&status=succeeded' });
    expect(myList.json().data.map((w: Work) => w.id)).toContain(workId);
  });

  it('answers a new work id when the client chose none', async () => {
    const res = await deployAs([clinic([{ name: 'city', type: 'text', label: label('City', '城市') }])]);
    expect(res.statusCode, res.body).toBe(200);
    const work = (await getWork(res.json().workId)).json() as Work;
    expect(work).toMatchObject({ status: 'succeeded', total: res.json().steps.length, done: res.json().steps.length });
  });

  it('refuses a work id that is taken (409) or not a UUID (400), and deploys nothing', async () => {
    const before = await columns('clinic');
    const taken = await deployAs([clinic([{ name: 'phone', type: 'phone', label: label('Phone', '电话') }])], { 'x-work-id': workId });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().code).toBe('WORK_ID_TAKEN');
    const bad = await deployAs([clinic([{ name: 'phone', type: 'phone', label: label('Phone', '电话') }])], { 'x-work-id': 'not-a-uuid' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('x-work-id');
    expect(await columns('clinic')).toEqual(before);
    expect((await getWork(workId)).json().status).toBe('succeeded');
  });

  it('keeps a failed deploy as failed work with the reason, though its transaction rolled back', async () => {
    for (const name of ['A', 'B']) {
      const created = await app.server.inject({ method: 'POST', url: '/api/records/clinic', payload: { name: 'same', staff: name === 'A' ? 1 : 2 } });
      expect(created.statusCode, created.body).toBe(201);
    }
    const [beforeColumns, beforeIndexes] = [await columns('clinic'), await indexes()];
    const failing = randomUUID();
    const unique = clinic([{ name: 'note', type: 'text', label: label('Note', '备注') }]);
    unique.fields[0] = { ...unique.fields[0]!, unique: true } as (typeof unique.fields)[number];
    const res = await deployAs([unique], { 'x-work-id': failing });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'DEPLOY_FAILED', workId: failing });
    expect(await columns('clinic')).toEqual(beforeColumns);
    expect(await indexes()).toEqual(beforeIndexes);

    const work = (await getWork(failing)).json() as Work;
    expect(work.status).toBe('failed');
    expect(work.message?.en).toMatch(/clinic__name__uniq|unique/i);
    expect(work.done).toBeLessThan(work.total!);
  });

  it('keeps a deploy refused by validation as failed work too', async () => {
    const failing = randomUUID();
    const res = await deployAs([{ ...clinic(), fields: [{ name: 'boss', type: 'lookup', target: 'nowhere', label: label('Boss') }] }], { 'x-work-id': failing });
    expect(res.statusCode).toBe(422);
    const work = (await getWork(failing)).json() as Work;
    expect(work).toMatchObject({ status: 'failed', total: null });
    expect(work.message?.en).toMatch(/nowhere/);
  });
});

describe('background work of a plugin install', () => {
  it('reports the progress of installing the medical-device pack with its demo data, then the counts', async () => {
    const workId = randomUUID();
    const request = app.server.inject({
      method: 'POST',
      url: '/api/plugins',
      payload: { plugin: 'medical_dms', demo: true },
      headers: { 'x-work-id': workId, 'accept-language': 'en' },
    });
    let finished = false;
    void request.finally(() => (finished = true));
    const seen: Work[] = [];
    while (!finished) {
      const res = await getWork(workId);
      if (res.statusCode === 200) seen.push(res.json());
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const res = await request;
    expect(res.statusCode, res.body).toBe(200);
    const { rows, steps } = res.json() as { rows: number; steps: unknown[] };

    const intermediate = seen.filter((w) => w.status === 'running' && w.total !== null && w.done > 0 && w.done < w.total);
    expect(intermediate.length, JSON.stringify(seen.map((w) => [w.status, w.done, w.total]))).toBeGreaterThan(0);
    expect(intermediate.some((w) => w.message?.en.match(/rows loaded/))).toBe(true);
    const dones = seen.map((w) => w.done);
    expect(dones).toEqual([...dones].sort((a, b) => a - b));

    const work = (await getWork(workId)).json() as Work;
    expect(work).toMatchObject({
      kind: 'plugin.install',
      status: 'succeeded',
      done: steps.length + rows,
      total: steps.length + rows,
      result: { plugin: { name: 'medical_dms', version: '0.1.0' }, steps: steps.length, rows },
    });
    expect(work.message?.en).toMatch(new RegExp(`${rows} records`));
  }, 300_000);
});
