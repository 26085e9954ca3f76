/**
 * Plugin actions as people use them, on the medical-device pack with its demo data: what the record page is offered
 * (label, input, confirmation, condition, who), `check_conflicts` answering a message and the conflicting demo grant
 * as an item, and `revoke`: its input checked field by field, its condition, who may run it, and its atomicity (the
 * status and every letter together, or neither).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installBundledPlugins } from '../../engine/src/bundled-plugins.ts';
import { loadConfig } from '../../engine/src/config.ts';
import { openApiErrors } from '../helpers/openapi-lint.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

type Row = Record<string, unknown> & { id: string };
type Headers = Record<string, string>;
let app: TestApp;
let demoGrants: Row[];
let otherDealer: Row;

const call = async (method: 'GET' | 'POST', url: string, payload?: unknown, headers: Headers = {}) => {
  const res = await app.server.inject({ method, url, payload: payload as object, headers: { 'accept-language': 'en', ...headers } });
  return { status: res.statusCode, body: res.body ? res.json() : undefined };
};
const list = async (object: string, filter: object, headers: Headers = {}): Promise<Row[]> =>
  (await call('GET', `/api/records/${object}?limit=100&sort=created_at&filter=${encodeURIComponent(JSON.stringify(filter))}`, undefined, headers)).body.data;
const act = (id: string, action: string, input?: object, headers: Headers = {}) =>
  call('POST', `/api/records/dealer_authorization/${id}/actions/${action}`, input ?? {}, headers);
const statusOf = async (id: string) => (await call('GET', `/api/records/dealer_authorization/${id}`)).body.status as string;
const lettersOf = async (id: string) =>
  (await call('GET', `/api/letters?object=dealer_authorization&recordId=${id}`)).body.data as { status: string; revokedReason: string | null }[];

const sessions = new Map<string, Headers>();
async function as(username: string): Promise<Headers> {
  if (!sessions.has(username)) {
    const res = await app.server.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: app.demoLogins.password } });
    sessions.set(username, { cookie: String(res.headers['set-cookie']).split(';')[0], 'x-csrf-token': res.json().csrfToken });
  }
  return sessions.get(username)!;
}

const label = (en: string, zh: string) => ({ 'zh-CN': zh, en });
const letterTemplate = {
  kind: 'template', name: 'grant_test_letter', label: label('Grant letter', '授权书'), object: 'dealer_authorization',
  subject: label('Letter of authorization', '授权书'), body: label('We authorize the dealer.', '兹授权该经销商。'),
};

beforeAll(async () => {
  app = await startTestApp();
  await installBundledPlugins(app, { ...loadConfig({}), bundledPlugins: ['medical_dms'], demoData: true }, () => undefined);
  const deployed = await call('POST', '/api/meta/deploy', { documents: [letterTemplate] });
  expect(deployed.status, JSON.stringify(deployed.body)).toBe(200);
  demoGrants = await list('dealer_authorization', { and: [{ '==': [{ var: 'status' }, 'approved'] }, { '==': [{ var: 'exclusive' }, true] }] });
  const holder = (await call('GET', `/api/records/dealer/${demoGrants[0].dealer}`)).body as Row;
  [otherDealer] = await list('dealer', { and: [{ '==': [{ var: 'region' }, holder.region] }, { '==': [{ var: 'tier' }, 'platform'] }, { '!=': [{ var: 'id' }, holder.id] }] });
}, 300_000);
afterAll(async () => app?.dispose());

describe('the actions a record page offers', () => {
  it('labels each action, asks revoke for a required reason with a confirmation, and offers it only while approved', async () => {
    const ui = (await call('GET', '/api/ui/objects/dealer_authorization', undefined, await as('channel.manager'))).body;
    const byName = Object.fromEntries(ui.actions.map((a: { name: string }) => [a.name, a]));
    expect(byName.check_conflicts).toEqual({ name: 'check_conflicts', label: { 'zh-CN': '检查冲突', en: 'Check conflicts' } });
    expect(byName.revoke).toMatchObject({
      label: { 'zh-CN': '撤销授权', en: 'Revoke' },
      confirm: { en: expect.stringMatching(/every letter/) },
      when: { '==': [{ var: 'status' }, 'approved'] },
      input: { fields: [{ name: 'reason', type: 'long_text', required: true, maxLength: 500 }], schema: { required: ['reason'] } },
    });
  });

  it('offers compliance, who may not update grants, no revoke, and a dealer\'s portal user neither action', async () => {
    const actionsOf = async (username: string) =>
      (await call('GET', '/api/ui/objects/dealer_authorization', undefined, await as(username))).body.actions.map((a: { name: string }) => a.name);
    expect(await actionsOf('compliance')).toEqual(['check_conflicts']);
    expect(await actionsOf('portal.a')).toEqual([]);
  });
});

describe('the OpenAPI document', () => {
  it('describes each action\'s POST with its input, in a document that stays valid', async () => {
    const definition = (await call('GET', '/api/openapi.json')).body;
    const revoke = definition.paths['/api/records/dealer_authorization/{id}/actions/revoke'].post;
    expect(revoke.summary).toMatch(/^Revoke \(撤销授权\)/);
    expect(revoke.requestBody.content['application/json'].schema).toMatchObject({ required: ['reason'], properties: { reason: { type: 'string', maxLength: 500 } } });
    expect(definition.paths['/api/records/dealer_authorization/{id}/actions/check_conflicts'].post.requestBody).toBeUndefined();
    expect(await openApiErrors(definition)).toEqual([]);
  });
});

describe('check_conflicts', () => {
  it('answers how many exclusive grants conflict, each as an item naming dealer, product, place, dates and why', async () => {
    const demo = demoGrants[0];
    const place = { product: demo.product, hospital: demo.hospital, department: demo.department };
    const candidate = await call('POST', '/api/records/dealer_authorization', { ...place, dealer: otherDealer.id, kind: 'annual', exclusive: true, valid_from: demo.valid_to, valid_to: '2099-12-31' });
    expect(candidate.status, JSON.stringify(candidate.body)).toBe(201);
    const answer = (await act(candidate.body.id, 'check_conflicts')).body;
    expect(answer.message).toEqual({ 'zh-CN': '与 1 项独家授权冲突', en: '1 conflicting exclusive grant' });
    expect(answer.items).toHaveLength(1);
    const dealer = (await call('GET', `/api/records/dealer/${demo.dealer}`)).body.name;
    const product = (await call('GET', `/api/records/product/${demo.product}`)).body.name;
    expect(answer.items[0].title.en).toBe(`${dealer} · ${product}`);
    expect(answer.items[0].description.en).toContain(`${demo.valid_from} to ${demo.valid_to} · approved · exclusive grant: the same product, the same hospital and department`);
    expect(answer.data.map((c: { id: string }) => c.id)).toEqual([demo.id]);
    expect((await act(candidate.body.id, 'check_conflicts', {}, await as('portal.a'))).status).toBe(403);

    const later = await call('POST', '/api/records/dealer_authorization', { ...place, dealer: otherDealer.id, kind: 'annual', exclusive: true, valid_from: '2098-01-01', valid_to: '2098-12-31' });
    expect((await act(later.body.id, 'check_conflicts')).body).toMatchObject({ message: { en: 'No conflicts' }, items: [] });
  });
});

describe('revoke', () => {
  it('refuses a missing, too long or unknown input naming each field, and changes nothing', async () => {
    const grant = demoGrants[1];
    const manager = await as('channel.manager');
    const missing = await act(grant.id, 'revoke', {}, manager);
    expect(missing.status).toBe(422);
    expect(missing.body).toMatchObject({ code: 'ACTION_INVALID', errors: [{ field: 'reason', rule: 'required' }] });
    const tooLong = await act(grant.id, 'revoke', { reason: '过'.repeat(501) }, manager);
    expect(tooLong.body.errors).toEqual([{ field: 'reason', rule: 'max_length', message: 'Reason must be at most 500 characters' }]);
    const unknown = await act(grant.id, 'revoke', { reason: 'ok', status: 'draft' }, manager);
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors.map((e: { field: string }) => e.field)).toEqual(['status']);
    expect(await statusOf(grant.id)).toBe('approved');
  });

  it('is refused to those who may not update the grant and to portal users, and for a grant that is not approved', async () => {
    const grant = demoGrants[1];
    expect((await act(grant.id, 'revoke', { reason: 'test' }, await as('compliance'))).status).toBe(403);
    expect((await act(grant.id, 'revoke', { reason: 'test' }, await as('portal.a'))).status).toBe(403);
    expect(await statusOf(grant.id)).toBe('approved');
    const { body: draft } = await call('POST', '/api/records/dealer_authorization', {
      dealer: otherDealer.id, product: grant.product, hospital: grant.hospital, kind: 'annual', valid_from: '2097-01-01', valid_to: '2097-12-31',
    });
    const refused = await act(draft.id, 'revoke', { reason: 'test' });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ code: 'ACTION_NOT_OFFERED', detail: '"Revoke" does not apply to this record as it is now' });
    expect(await statusOf(draft.id)).toBe('draft');
  });

  it('revokes the grant and every letter of it together, or, when either fails, neither', async () => {
    const grant = demoGrants[1];
    for (let i = 0; i < 2; i++) {
      const letter = await call('POST', '/api/letters', { object: 'dealer_authorization', recordId: grant.id, template: 'grant_test_letter' });
      expect(letter.status, JSON.stringify(letter.body)).toBe(201);
    }
    const issued = await lettersOf(grant.id);
    const manager = await as('channel.manager');
    await app.db.knex.raw(`CREATE FUNCTION test_refuse_letter_change() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'letters are frozen'; END $$ LANGUAGE plpgsql;
      CREATE TRIGGER test_refuse_letter_change BEFORE UPDATE ON qd_letters FOR EACH ROW EXECUTE FUNCTION test_refuse_letter_change()`);
    try {
      expect((await act(grant.id, 'revoke', { reason: '经销商违规' }, manager)).status).toBe(500);
    } finally {
      await app.db.knex.raw('DROP TRIGGER test_refuse_letter_change ON qd_letters; DROP FUNCTION test_refuse_letter_change()');
    }
    expect(await statusOf(grant.id)).toBe('approved');
    expect(await lettersOf(grant.id)).toEqual(issued);

    const revoked = await act(grant.id, 'revoke', { reason: '经销商违规' }, manager);
    expect(revoked.status, JSON.stringify(revoked.body)).toBe(200);
    expect(revoked.body.message).toEqual({ 'zh-CN': '已撤销授权，2 份授权书同时作废', en: 'Revoked, with 2 letters' });
    expect(await statusOf(grant.id)).toBe('revoked');
    expect(await lettersOf(grant.id)).toEqual([0, 1].map(() => expect.objectContaining({ status: 'revoked', revokedReason: '经销商违规' })));
    expect((await act(grant.id, 'revoke', { reason: 'again' }, manager)).body.code).toBe('ACTION_NOT_OFFERED');
  });
});
