import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOSPITAL_3A_BEDS_RULE, HOSPITAL_OBJECT } from '../fixtures/contract-examples.ts';
import { deploy, startTestApp, type TestApp } from '../helpers/test-app.ts';

let app: TestApp;
const call = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown, headers: Record<string, string> = {}) =>
  app.server.inject({ method, url, payload: payload as object, headers: { 'accept-language': 'en', ...headers } });
const list = (query: Record<string, unknown>) => {
  const params = new URLSearchParams(
    Object.entries(query).map(([k, v]): [string, string] => [k, typeof v === 'string' ? v : JSON.stringify(v)]),
  );
  return call('GET', `/api/records/hospital?${params}`);
};

beforeAll(async () => {
  app = await startTestApp();
  const res = await deploy(app, [HOSPITAL_OBJECT, HOSPITAL_3A_BEDS_RULE]);
  expect(res.statusCode).toBe(200);
});
afterAll(async () => app?.dispose());

describe('records of the DESIGN.md hospital object', () => {
  it('creates a record and returns it with system fields, a Location and an ETag', async () => {
    const res = await call('POST', '/api/records/hospital', { name: '北京协和医院', code: 'PUMCH', level: '3A', beds: '2000', region: '110101', opened_on: '1921-09-16' });
    expect(res.statusCode).toBe(201);
    const record = res.json();
    expect(record).toMatchObject({ name: '北京协和医院', code: 'PUMCH', level: '3A', beds: 2000, region: '110101', opened_on: '1921-09-16', version: 1, deleted_at: null });
    expect(record.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(record.created_by).toBe(app.adminId);
    expect(res.headers.location).toBe(`/api/records/hospital/${record.id}`);
    expect(res.headers.etag).toBe('"1"');
    expect((await call('GET', `/api/records/hospital/${record.id}`)).json()).toEqual(record);
  });

  it('answers 422 naming each bad field, in the language asked for, and writes nothing', async () => {
    const before = await app.db.knex('data.hospital').count<{ count: string }[]>('* as count');
    const res = await call('POST', '/api/records/hospital', { code: 'X1', level: '5A', beds: -3, region: '11', colour: 'red', opened_on: '2024-02-30' });
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const problem = res.json();
    expect(problem.code).toBe('RECORD_INVALID');
    const rules = Object.fromEntries(problem.errors.map((e: { field: string; rule: string }) => [e.field, e.rule]));
    expect(rules).toMatchObject({ name: 'required', level: 'picklist', beds: 'min', region: 'format', colour: 'unknown_field' });
    expect(rules.opened_on).toBeDefined();
    expect(problem.errors.find((e: { field: string }) => e.field === 'name').message).toBe('Name is required');

    const zh = await call('POST', '/api/records/hospital', { code: 'X1' }, { 'accept-language': 'zh-CN,zh;q=0.9' });
    expect(zh.json().errors[0].message).toContain('医院名称');
    const after = await app.db.knex('data.hospital').count<{ count: string }[]>('* as count');
    expect(after[0].count).toBe(before[0].count);
  });

  it('runs the validation rule on the server with its message', async () => {
    const res = await call('POST', '/api/records/hospital', { name: '小医院', level: '3A', beds: 100 });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([{ field: 'beds', rule: 'hospital_3a_beds', message: 'A grade 3A hospital has at least 500 beds' }]);
  });

  it('turns a unique violation and a dangling lookup into field errors, not a 500', async () => {
    await call('POST', '/api/records/hospital', { name: 'A', code: 'DUP-1' });
    const dup = await call('POST', '/api/records/hospital', { name: 'B', code: 'DUP-1' });
    expect(dup.statusCode).toBe(422);
    expect(dup.json().errors).toEqual([{ field: 'code', rule: 'unique', message: 'Code is already used by another record' }]);
    const dangling = await call('POST', '/api/records/hospital', { name: 'C', parent: '01900000-0000-7000-8000-000000000000' });
    expect(dangling.statusCode).toBe(422);
    expect(dangling.json().errors[0]).toMatchObject({ field: 'parent', rule: 'lookup_not_found' });
  });

  it('updates with optimistic locking: a stale version gets 409 with the current version', async () => {
    const created = (await call('POST', '/api/records/hospital', { name: '华西医院', code: 'WCH', level: '3B', beds: 800 })).json();
    const first = await call('PATCH', `/api/records/hospital/${created.id}`, { beds: 900, version: 1 });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ beds: 900, version: 2 });
    const stale = await call('PATCH', `/api/records/hospital/${created.id}`, { beds: 950, version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'VERSION_CONFLICT', currentVersion: 2 });
    const viaHeader = await call('PATCH', `/api/records/hospital/${created.id}`, { beds: 950 }, { 'if-match': '"1"' });
    expect(viaHeader.statusCode).toBe(409);
    const fresh = await call('PATCH', `/api/records/hospital/${created.id}`, { beds: 950 }, { 'if-match': '"2"' });
    expect(fresh.json()).toMatchObject({ beds: 950, version: 3 });
    const bad = await call('PATCH', `/api/records/hospital/${created.id}`, { level: '3A', beds: 300 });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0].rule).toBe('hospital_3a_beds');
  });

  it('loses no update under concurrency: unpinned writers retry, pinned writers of one version get one 200 and 409s', async () => {
    const created = (await call('POST', '/api/records/hospital', { name: '并发医院', code: 'RACE', beds: 1 })).json();
    const unpinned = await Promise.all([2, 3, 4].map((beds) => call('PATCH', `/api/records/hospital/${created.id}`, { beds })));
    expect(unpinned.map((r) => r.statusCode)).toEqual([200, 200, 200]);
    const history = (await call('GET', `/api/records/hospital/${created.id}/history`)).json().data;
    expect(history.filter((h: { action: string }) => h.action === 'update')).toHaveLength(3);
    const now = (await call('GET', `/api/records/hospital/${created.id}`)).json();
    expect(now.version).toBe(4);
    const pinned = await Promise.all([5, 6, 7].map((beds) => call('PATCH', `/api/records/hospital/${created.id}`, { beds, version: 4 })));
    expect(pinned.map((r) => r.statusCode).sort()).toEqual([200, 409, 409]);
  });

  it('soft-deletes, hides from lists and reads, shows in the recycle bin, and restores', async () => {
    const created = (await call('POST', '/api/records/hospital', { name: '待删除', code: 'DEL-1' })).json();
    const removed = await call('DELETE', `/api/records/hospital/${created.id}`);
    expect(removed.statusCode).toBe(200);
    expect(removed.json().deleted_at).not.toBeNull();
    expect((await call('GET', `/api/records/hospital/${created.id}`)).statusCode).toBe(404);
    const live = await list({ filter: { '==': [{ var: 'code' }, 'DEL-1'] } });
    expect(live.json().data).toEqual([]);
    const bin = await list({ filter: { '==': [{ var: 'code' }, 'DEL-1'] }, deleted: 'true' });
    expect(bin.json().data.map((r: { id: string }) => r.id)).toEqual([created.id]);
    const restored = await call('POST', `/api/records/hospital/${created.id}/restore`);
    expect(restored.statusCode).toBe(200);
    expect(restored.json()).toMatchObject({ deleted_at: null, version: 3 });
    expect((await call('GET', `/api/records/hospital/${created.id}`)).statusCode).toBe(200);
  });

  it('shows the history with who and when, and the record as it was at a past moment', async () => {
    const created = (await call('POST', '/api/records/hospital', { name: '历史医院', code: 'HIST', beds: 10 })).json();
    const afterCreate = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 20));
    const traced = await call('PATCH', `/api/records/hospital/${created.id}`, { beds: 20 }, { 'x-request-id': 'erp-sync-42' });
    expect(traced.headers['x-request-id']).toBe('erp-sync-42');
    await call('DELETE', `/api/records/hospital/${created.id}`);
    const history = (await call('GET', `/api/records/hospital/${created.id}/history`)).json().data;
    expect(history.map((h: { action: string }) => h.action)).toEqual(['create', 'update', 'delete']);
    expect(history[1].changes.beds).toEqual({ old: 10, new: 20 });
    expect(history[1].requestId).toBe('erp-sync-42');
    for (const entry of history) {
      expect(entry.actor).toBe(app.adminId);
      expect(Date.parse(entry.at)).not.toBeNaN();
      expect(entry.requestId).toBeTruthy();
    }
    const past = await call('GET', `/api/records/hospital/${created.id}?asOf=${encodeURIComponent(afterCreate)}`);
    expect(past.statusCode).toBe(200);
    expect(past.json()).toMatchObject({ beds: 10, version: 1, deleted_at: null });
    const beforeBirth = await call('GET', `/api/records/hospital/${created.id}?asOf=2000-01-01T00:00:00Z`);
    expect(beforeBirth.statusCode).toBe(404);
  });

  it('writes an outbox event with every write, in the same transaction', async () => {
    const created = (await call('POST', '/api/records/hospital', { name: '事件医院', code: 'EVT' })).json();
    await call('PATCH', `/api/records/hospital/${created.id}`, { beds: 5 });
    const events = await app.db.knex('qd_outbox').where({ record_id: created.id }).orderBy('id');
    expect(events.map((e) => e.topic)).toEqual(['record.created', 'record.updated']);
    const audit = await app.db.knex('qd_audit').where({ id: events[1].audit_id }).first();
    expect(audit).toMatchObject({ action: 'update', changes: { beds: { old: null, new: 5 } }, actor: app.adminId });
  });
});

describe('listing hospitals', () => {
  beforeAll(async () => {
    for (let i = 0; i < 12; i++) {
      const res = await call('POST', '/api/records/hospital', {
        name: `列表医院 ${String(i).padStart(2, '0')}`,
        code: `L-${i}`,
        level: i % 2 ? '3A' : '3B',
        beds: i % 2 ? 500 + i * 10 : i * 10,
        region: i < 6 ? '510104' : '110105',
        opened_on: `20${String(10 + i).padStart(2, '0')}-03-01`,
      });
      expect(res.statusCode).toBe(201);
    }
  });

  it('filters with and/in/comparisons/like/date ranges, sorts by several fields and counts', async () => {
    const res = await list({
      filter: {
        and: [
          { in: [{ var: 'level' }, ['3A', '3B']] },
          { like: [{ var: 'code' }, 'L-%'] },
          { '<=': ['2012-01-01', { var: 'opened_on' }, '2019-12-31'] },
          { '!=': [{ var: 'region' }, null] },
        ],
      },
      sort: '-level,beds',
      count: 'true',
    });
    expect(res.statusCode).toBe(200);
    const { data, total, totalIsEstimate } = res.json();
    expect(total).toBe(8);
    expect(totalIsEstimate).toBe(false);
    const keys = data.map((r: { level: string; beds: number }) => [r.level, r.beds]);
    const sorted = [...keys].sort((a, b) => (a[0] === b[0] ? a[1] - b[1] : a[0] < b[0] ? 1 : -1));
    expect(keys).toEqual(sorted);
    expect(data.every((r: { opened_on: string }) => r.opened_on >= '2012-01-01' && r.opened_on <= '2019-12-31')).toBe(true);
  });

  it('pages with a keyset cursor through every row exactly once', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: Record<string, unknown> = { filter: { like: [{ var: 'code' }, 'L-%'] }, sort: 'region,-beds', limit: '5' };
      if (cursor) query.cursor = cursor;
      const page = (await list(query)).json();
      seen.push(...page.data.map((r: { code: string }) => r.code));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(12);
    expect(new Set(seen).size).toBe(12);
  });

  it('returns only the selected fields and expands a lookup one level', async () => {
    const parent = (await call('POST', '/api/records/hospital', { name: '总院', code: 'MAIN' })).json();
    const child = (await call('POST', '/api/records/hospital', { name: '分院', code: 'BRANCH', parent: parent.id })).json();
    const res = await list({ filter: { '==': [{ var: 'code' }, 'BRANCH'] }, fields: 'name,parent', expand: 'parent' });
    const [row] = res.json().data;
    expect(Object.keys(row).sort()).toEqual(['id', 'name', 'parent', 'version']);
    expect(row.parent).toMatchObject({ id: parent.id, name: '总院', code: 'MAIN' });
    const one = await call('GET', `/api/records/hospital/${child.id}?expand=parent&fields=name,parent`);
    expect(one.json().parent.name).toBe('总院');
  });

  it('refuses a filter outside the SQL subset with the path of the bad part', async () => {
    const res = await list({ filter: { and: [{ '==': [{ var: 'level' }, '3A'] }, { '==': [{ var: 'nope' }, 1] }] } });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('FILTER_INVALID');
    expect(res.json().errors[0]).toMatchObject({ field: '/and/1/==/0/var', rule: 'unknown_field' });
    const notJson = await call('GET', '/api/records/hospital?filter=%7Bnope');
    expect(notJson.statusCode).toBe(400);
    const badSort = await call('GET', '/api/records/hospital?sort=colour');
    expect(badSort.json().errors[0]).toMatchObject({ field: 'sort', rule: 'unknown_field' });
  });

  it('answers 404 problems for unknown objects, records and routes', async () => {
    expect((await call('GET', '/api/records/spaceship')).json().code).toBe('OBJECT_NOT_FOUND');
    expect((await call('GET', '/api/records/hospital/not-a-uuid')).json().code).toBe('RECORD_NOT_FOUND');
    expect((await call('GET', '/api/records/hospital/01900000-0000-7000-8000-000000000000')).statusCode).toBe(404);
    expect((await call('GET', '/api/nowhere')).json().code).toBe('ROUTE_NOT_FOUND');
  });
});
