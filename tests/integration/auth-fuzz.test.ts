/** Random login bodies, users API bodies and admin list queries: a 4xx problem or a success, never a 500. */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, deploy, startTestApp, TEST_PASSWORD, type TestApp } from '../helpers/test-app.ts';

type Response = Awaited<ReturnType<TestApp['server']['inject']>>;

let app: TestApp;
let target = '';
const label = (en: string) => ({ 'zh-CN': en, en });

beforeAll(async () => {
  // Limits high enough that the properties, not the rate limiter, answer.
  app = await startTestApp({ auth: { loginPerMinute: 1_000_000, unauthenticatedPerMinute: 1_000_000 } });
  const res = await deploy(app, [
    { kind: 'role', name: 'clerk', label: label('Clerk') },
    { kind: 'permissionSet', name: 'user_admins', label: label('User admins'), rights: ['users'] },
  ]);
  expect(res.statusCode, res.body).toBe(200);
  target = (await createUser(app, { username: 'fuzz.target' })).id;
});
afterAll(async () => app?.dispose());

/** The statuses each property has seen: each must reach its successes too, or it is not testing much. */
const seen = new Map<string, Set<number>>();
const property = () => expect.getState().currentTestName ?? '';
const expectReached = (statuses: number[]) => expect([...(seen.get(property()) ?? [])]).toEqual(expect.arrayContaining(statuses));

function expectAnswer(res: Response, allowed: number[], input: unknown): void {
  if (!seen.has(property())) seen.set(property(), new Set());
  seen.get(property())!.add(res.statusCode);
  const where = `${res.statusCode} ${res.body.slice(0, 1000)}\nfor ${JSON.stringify(input)?.slice(0, 1000)}`;
  expect(allowed, where).toContain(res.statusCode);
  if (res.statusCode >= 400) {
    expect(String(res.headers['content-type']), where).toContain('application/problem+json');
    expect(res.json().status, where).toBe(res.statusCode);
  }
}

const text = fc.oneof(fc.string(), fc.string({ unit: 'binary', maxLength: 40 }), fc.constantFrom('', ' ', '\u0000', 'a\u0000b', 'x'.repeat(2000)));
const json = (value: unknown) => JSON.stringify(value) ?? 'null';
/** Mostly a good value, sometimes a bad one: the bodies get past the first check often enough to reach the writes. */
const mostly = <T>(good: fc.Arbitrary<T>, ...bad: fc.Arbitrary<unknown>[]) =>
  fc.oneof({ arbitrary: good as fc.Arbitrary<unknown>, weight: 4 * bad.length }, ...bad.map((arbitrary) => ({ arbitrary, weight: 1 })));
const username = fc.stringMatching(/^[a-z][a-z0-9_.-]{2,12}$/);
const strongPassword = fc.string({ minLength: 4, maxLength: 20 }).map((s) => `Aa1-${s}-fuzz`);

describe('fuzzing authentication and the users API', () => {
  it('answers random login bodies with 200, 400, 401 or 423', async () => {
    const body = mostly(
      fc.record(
        {
          username: mostly(fc.constantFrom('fuzz.target', 'FUZZ.TARGET ', 'admin', 'nobody'), text, fc.anything()),
          password: mostly(fc.oneof(fc.constant(TEST_PASSWORD), strongPassword), text, fc.anything()),
        },
        { requiredKeys: [] },
      ),
      fc.anything(),
    );
    await fc.assert(
      fc.asyncProperty(body, async (input) => {
        const res = await app.server.inject({ method: 'POST', url: '/api/auth/login', payload: json(input), headers: { 'content-type': 'application/json', cookie: '' } });
        expectAnswer(res, [200, 400, 401, 423], input);
      }),
      { numRuns: 300 },
    );
    expectReached([200, 400, 401, 423]);
  }, 120_000);

  it('answers random user creations with 201, 400 or 422', async () => {
    const body = mostly(
      fc.record(
        {
          username: mostly(username, text, fc.anything()),
          displayName: mostly(fc.string({ minLength: 1, maxLength: 30 }), text, fc.anything()),
          kind: mostly(fc.constant('internal'), fc.constant('portal'), fc.anything()),
          role: mostly(fc.constantFrom(null, 'clerk', 'admin'), fc.constant('ghost'), text, fc.anything()),
          permissionSets: mostly(fc.subarray(['user_admins', 'admin']), fc.array(text, { maxLength: 3 }), fc.anything()),
          accountId: mostly(fc.constant(null), fc.uuid(), text),
          email: mostly(fc.oneof(fc.emailAddress(), fc.constant(null)), text),
          password: mostly(strongPassword, text),
        },
        { requiredKeys: ['username', 'displayName', 'kind', 'password'] },
      ),
      fc.dictionary(fc.string(), fc.anything()),
      fc.anything(),
    );
    await fc.assert(
      fc.asyncProperty(body, async (input) => {
        const res = await app.server.inject({ method: 'POST', url: '/api/users', payload: json(input), headers: { 'content-type': 'application/json' } });
        expectAnswer(res, [201, 400, 422], input);
      }),
      { numRuns: 200 },
    );
    expectReached([201, 422]);
  }, 120_000);

  it('answers random user changes and password resets with 200/204, 400, 409 or 422', async () => {
    const body = mostly(
      fc.record(
        {
          displayName: mostly(fc.string({ minLength: 1, maxLength: 30 }), text, fc.anything()),
          email: mostly(fc.oneof(fc.emailAddress(), fc.constant(null)), text),
          role: mostly(fc.constantFrom(null, 'clerk'), fc.constant('ghost'), fc.anything()),
          permissionSets: mostly(fc.subarray(['user_admins']), fc.constant(['ghost']), fc.anything()),
          accountId: mostly(fc.constant(null), fc.uuid(), text),
          active: mostly(fc.boolean(), fc.anything()),
          version: mostly(fc.integer({ min: 1, max: 400 }), fc.integer(), fc.anything()),
          password: mostly(strongPassword, text, fc.anything()),
        },
        { requiredKeys: [] },
      ),
      fc.anything(),
    );
    await fc.assert(
      fc.asyncProperty(body, fc.boolean(), async (input, reset) => {
        const res = reset
          ? await app.server.inject({ method: 'POST', url: `/api/users/${target}/password`, payload: json(input), headers: { 'content-type': 'application/json' } })
          : await app.server.inject({ method: 'PATCH', url: `/api/users/${target}`, payload: json(input), headers: { 'content-type': 'application/json' } });
        expectAnswer(res, reset ? [204, 400, 422] : [200, 400, 409, 422], input);
      }),
      { numRuns: 200 },
    );
    expectReached([200, 204, 422]);
  }, 120_000);

  it('answers random API token requests with 201 or 400', async () => {
    const body = mostly(
      fc.record({ name: mostly(fc.string({ minLength: 1, maxLength: 40 }), text, fc.anything()), expiresInDays: mostly(fc.integer({ min: 1, max: 3650 }), fc.anything()) }, { requiredKeys: [] }),
      fc.anything(),
    );
    await fc.assert(
      fc.asyncProperty(body, async (input) => {
        const res = await app.server.inject({ method: 'POST', url: '/api/auth/tokens', payload: json(input), headers: { 'content-type': 'application/json' } });
        expectAnswer(res, [201, 400], input);
      }),
      { numRuns: 200 },
    );
    expectReached([201, 400]);
  }, 120_000);

  it('answers random list queries and user ids with 200, 400 or 404', async () => {
    const value = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 30 }), fc.constantFrom('', '0', '-1', '201', 'true', 'portal', 'login', '%00', '\u0000'));
    const query = fc.dictionary(fc.constantFrom('limit', 'cursor', 'kind', 'active', 'role', 'event', 'user', 'other'), value, { maxKeys: 4 });
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('/api/users', '/api/access/audit'), query, mostly(fc.constant(target), fc.string({ unit: 'grapheme', maxLength: 40 })), async (path, params, id) => {
        const search = new URLSearchParams(params).toString();
        expectAnswer(await app.server.inject({ method: 'GET', url: `${path}?${search}` }), [200, 400], params);
        expectAnswer(await app.server.inject({ method: 'GET', url: `/api/users/${encodeURIComponent(String(id))}` }), [200, 404], id);
      }),
      { numRuns: 200 },
    );
    expectReached([200, 400, 404]);
  }, 120_000);
});
