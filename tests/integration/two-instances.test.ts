import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, deploy, startTestApp, type TestApp } from '../helpers/test-app.ts';

const label = (en: string) => ({ 'zh-CN': en, en });

const clinic = (withFloors: boolean) => ({
  kind: 'object',
  name: 'clinic',
  label: { 'zh-CN': '诊所', en: 'Clinic' },
  fields: [
    { name: 'name', type: 'text', label: label('Name'), required: true },
    ...(withFloors ? [{ name: 'floors', type: 'integer', label: label('Floors'), min: 0 }] : []),
  ],
});

/** Polls `attempt` every 50 ms until it returns true; fails if that takes longer than `withinMs`. */
async function within(withinMs: number, attempt: () => Promise<boolean>): Promise<number> {
  const started = Date.now();
  for (;;) {
    if (await attempt()) return Date.now() - started;
    if (Date.now() - started > withinMs) throw new Error(`not observed within ${withinMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('two engine instances on one database', () => {
  let a: TestApp;
  let b: TestApp;

  beforeAll(async () => {
    a = await startTestApp();
    b = await startTestApp({ databaseUrl: a.databaseUrl });
  });

  afterAll(async () => {
    // B first: closing B must not drop the database that A still uses.
    await b?.dispose();
    if (a) {
      const stillThere = await a.server.inject({ method: 'GET', url: '/readyz' });
      expect(stillThere.statusCode).toBe(200);
      await a.dispose();
    }
  });

  it('B serves records of an object deployed through A within one second', async () => {
    const before = await b.server.inject({ method: 'GET', url: '/api/records/clinic' });
    expect(before.statusCode).toBe(404);

    const res = await deploy(a, [clinic(false)]);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().applied).toBe(true);

    await within(1000, async () => {
      const list = await b.server.inject({ method: 'GET', url: '/api/records/clinic' });
      return list.statusCode === 200;
    });

    const created = await b.server.inject({ method: 'POST', url: '/api/records/clinic', payload: { name: 'Made on B' } });
    expect(created.statusCode, created.body).toBe(201);
    const seenByA = await a.server.inject({ method: 'GET', url: `/api/records/clinic/${created.json().id}` });
    expect(seenByA.statusCode).toBe(200);
    expect(seenByA.json().name).toBe('Made on B');
  });

  it('B accepts a field added through A within one second', async () => {
    const rejected = await b.server.inject({ method: 'POST', url: '/api/records/clinic', payload: { name: 'Early', floors: 3 } });
    expect(rejected.statusCode).toBeGreaterThanOrEqual(400);
    expect(rejected.statusCode).toBeLessThan(500);

    const res = await deploy(a, [clinic(true)]);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().applied).toBe(true);

    let created: { id: string; name: string; floors: number } | undefined;
    await within(1000, async () => {
      const post = await b.server.inject({ method: 'POST', url: '/api/records/clinic', payload: { name: 'Tall', floors: 7 } });
      if (post.statusCode === 201) created = post.json();
      else expect(post.statusCode).toBeLessThan(500);
      return post.statusCode === 201;
    });
    expect(created).toMatchObject({ name: 'Tall', floors: 7 });

    const list = await a.server.inject({
      method: 'GET',
      url: `/api/records/clinic?filter=${encodeURIComponent(JSON.stringify({ '==': [{ var: 'floors' }, 7] }))}`,
    });
    expect(list.statusCode).toBe(200);
    expect(list.json().data.map((r: { name: string }) => r.name)).toEqual(['Tall']);
  });

  it('refuses a user another instance deactivated within a second, though A had its token cached', async () => {
    const user = await createUser(a, { username: 'leaver', role: 'admin' });
    const asLeaver = () => a.server.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: `Bearer ${user.token}` } });
    expect((await asLeaver()).statusCode).toBe(200);
    // A change behind the engine's back is not seen while the token is cached: the notification is what tells.
    await b.db.knex('qd_users').where({ id: user.id }).update({ active: false });
    expect((await asLeaver()).statusCode).toBe(200);
    // What another instance's deactivation sends when it commits; nothing in this process is told directly.
    await b.db.knex.raw("SELECT pg_notify('qd_auth', ?)", [user.id]);
    await within(1000, async () => (await asLeaver()).statusCode === 401);
  });
});
