/**
 * Licences block authorizations (issue 9): on a real database with the medical-device pack's demo data, a dealer
 * whose licence does not cover a device class today gets no grant for it, and the 422 names the licence and since when.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installBundledPlugins } from '../../engine/src/bundled-plugins.ts';
import { loadConfig } from '../../engine/src/config.ts';
import { todayInChina } from '../../engine/src/plugin-api.ts';
import { creditCodeCheckCharacter } from '../../plugins/medical_dms/lib/uscc.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

let app: TestApp;
type Row = Record<string, unknown> & { id: string };
type Language = 'en' | 'zh-CN';
const call = async (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown, headers: Record<string, string> = {}) => {
  const res = await app.server.inject({ method, url, payload: payload as object, headers: { 'accept-language': 'en', ...headers } });
  return { status: res.statusCode, body: res.body ? res.json() : undefined };
};
const list = async (object: string, filter: object, sort = 'created_at'): Promise<Row[]> =>
  (await call('GET', `/api/records/${object}?limit=50&sort=${sort}&filter=${encodeURIComponent(JSON.stringify(filter))}`)).body.data;
const created = (res: { status: number; body: Row }): Row => {
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
};

const dayBefore = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
const today = todayInChina();
const yesterday = dayBefore(today);

let hospital: Row; let classOne: Row; let classTwo: Row; let classThree: Row;

const grantValues = (dealer: string, what: Record<string, unknown>) =>
  ({ dealer, ...what, hospital: hospital.id, kind: 'annual', valid_from: '2027-01-01', valid_to: '2027-12-31', exclusive: false });
const requestGrant = (dealer: string, what: Record<string, unknown>, language: Language = 'en', as: Record<string, string> = {}) =>
  call('POST', '/api/records/dealer_authorization', grantValues(dealer, what), { 'accept-language': language, ...as });

let dealers = 0;
/** A dealer of its own, holding the given qualifications. */
async function dealerHolding(...qualifications: Record<string, unknown>[]): Promise<Row> {
  const first17 = `914401010000${String(++dealers).padStart(5, '0')}`;
  const dealer = created(await call('POST', '/api/records/dealer', { name: `持证测试医疗器械有限公司${dealers}`, credit_code: first17 + creditCodeCheckCharacter(first17), tier: 'platform' }));
  for (const values of qualifications) created(await call('POST', '/api/records/qualification', { dealer: dealer.id, ...values }));
  return dealer;
}
const operationLicence = (number: string, validTo?: string) =>
  ({ type: 'operation_licence', number, scope_classes: ['II', 'III'], valid_from: '2021-06-01', ...(validTo ? { valid_to: validTo } : {}) });

async function loginAs(username: string): Promise<Record<string, string>> {
  const login = await app.server.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: app.demoLogins.password } });
  return { cookie: String(login.headers['set-cookie']).split(';')[0], 'x-csrf-token': login.json().csrfToken };
}

async function approveAs(username: string, recordId: string) {
  const headers = await loginAs(username);
  const inbox = (await call('GET', '/api/approvals/inbox?limit=100', undefined, headers)).body.data as { recordId: string; taskId: string }[];
  return call('POST', `/api/approvals/${inbox.find((task) => task.recordId === recordId)!.taskId}/approve`, {}, headers);
}

beforeAll(async () => {
  app = await startTestApp();
  await installBundledPlugins(app, { ...loadConfig({}), bundledPlugins: ['medical_dms'], demoData: true }, () => undefined);
  [hospital] = (await call('GET', '/api/records/hospital?limit=1')).body.data;
  [classOne, classTwo, classThree] = await Promise.all(['I', 'II', 'III'].map(async (deviceClass) =>
    (await list('product', { and: [{ '==': [{ var: 'device_class' }, deviceClass] }, { '==': [{ var: 'active' }, true] }] }))[0]));
}, 300_000);
afterAll(async () => app?.dispose());

describe('a demo dealer whose operation licence expired yesterday', () => {
  let licence: Row;
  beforeAll(async () => {
    [licence] = await list('qualification', { and: [{ '==': [{ var: 'type' }, 'operation_licence'] }, { '<': [{ var: 'valid_to' }, today] }] }, '-valid_to');
  });

  it("is channel.manager's Guangdong platform dealer, its licence lapsed yesterday on China's calendar", async () => {
    const dealer = (await call('GET', `/api/records/dealer/${licence.dealer}`)).body;
    expect(dealer).toMatchObject({ tier: 'platform', region: '440000', channel_manager: 'channel.manager' });
    expect(licence.valid_to).toBe(yesterday);
  });

  it('gets no class III authorization: the 422 names the licence and since when, in both languages, and nothing is written', async () => {
    const since = new Date(Date.parse(`${licence.valid_to}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const before = (await list('dealer_authorization', { '==': [{ var: 'dealer' }, licence.dealer] })).length;
    const channelManager = await loginAs('channel.manager');
    const en = await requestGrant(String(licence.dealer), { product: classThree.id }, 'en', channelManager);
    expect(en.status).toBe(422);
    expect(en.body.errors).toEqual([{ field: 'dealer', rule: 'licence_expired', message: expect.any(String) }]);
    expect(en.body.errors[0].message).toBe(`Medical-device operation licence ${licence.number} expired on ${licence.valid_to}: since ${since} the dealer may not be authorized for class III devices until a renewed licence is on file`);
    const zh = await requestGrant(String(licence.dealer), { product: classThree.id }, 'zh-CN', channelManager);
    expect(zh.body.errors[0].message).toBe(`医疗器械经营许可证 ${licence.number} 已于 ${licence.valid_to} 到期，自 ${since} 起不能授权第三类医疗器械，请先上传续期后的证照`);
    expect(await list('dealer_authorization', { '==': [{ var: 'dealer' }, licence.dealer] })).toHaveLength(before);
  });

  it('gets no grant of a product line that holds a class III product, but may still get a class I product', async () => {
    const line = await requestGrant(String(licence.dealer), { product_line: classThree.product_line });
    expect(line.status).toBe(422);
    expect(line.body.errors.map((e: { rule: string; message: string }) => [e.rule, e.message.match(/class II+ devices/)?.[0]]))
      .toContainEqual(['licence_expired', 'class III devices']);
    created(await requestGrant(String(licence.dealer), { product: classOne.id }));
  });

  it("shows at once in channel.manager's list of lapsed licences, and the licences expiring within 60 days in another", async () => {
    const headers = await loginAs('channel.manager');
    const view = async (name: string) =>
      (await call('GET', `/api/records/qualification?view=qualification_layout.${name}&limit=200`, undefined, headers)).body.data as Row[];
    const lapsed = await view('lapsed_licences');
    expect(lapsed[0]).toMatchObject({ id: licence.id, number: licence.number, valid_to: licence.valid_to });
    for (const row of lapsed) expect(String(row.valid_to) < today).toBe(true);
    const expiring = await view('expiring_licences');
    expect(expiring.length).toBeGreaterThan(0);
    for (const row of expiring) expect(String(row.valid_to) >= today).toBe(true);
  });
});

describe('the licences a dealer holds', () => {
  it('lets a valid class II filing cover a class II product, not a class III one', async () => {
    const dealer = await dealerHolding({ type: 'class2_filing', number: '粤穗药监械经营备20240001号', scope_classes: ['II'], valid_from: '2024-03-01' });
    created(await requestGrant(dealer.id, { product: classTwo.id }));
    const refused = await requestGrant(dealer.id, { product: classThree.id });
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual([{ field: 'dealer', rule: 'licence_missing',
      message: 'The dealer holds no valid licence covering class III devices (a medical-device operation licence is needed), so it may not be authorized for them' }]);
  });

  it('never expires with a blank valid_to', async () => {
    const dealer = await dealerHolding(operationLicence('粤穗药监械经营许20210002号'));
    created(await requestGrant(dealer.id, { product: classThree.id }));
  });

  it('lets a grant through once the lapsed licence is renewed', async () => {
    const dealer = await dealerHolding(operationLicence('粤穗药监械经营许20210003号', yesterday));
    expect((await requestGrant(dealer.id, { product: classThree.id })).status).toBe(422);
    created(await call('POST', '/api/records/qualification', { dealer: dealer.id, ...operationLicence('粤穗药监械经营许20260003号', '2031-05-31'), valid_from: today }));
    created(await requestGrant(dealer.id, { product: classThree.id }));
  });
});

describe('a grant made before the licence expired', () => {
  it('can no longer be submitted, nor approved, and moving it to another dealer is checked too', async () => {
    const dealer = await dealerHolding(operationLicence('粤穗药监械经营许20210004号', '2030-12-31'));
    const [licence] = await list('qualification', { '==': [{ var: 'dealer' }, dealer.id] });
    const draft = created(await requestGrant(dealer.id, { product: classThree.id }));
    const pending = created(await requestGrant(dealer.id, { product: classThree.id }));
    expect((await call('POST', `/api/records/dealer_authorization/${pending.id}/submit`, {})).status).toBe(201);
    expect((await approveAs('channel.director', pending.id)).status).toBe(200);

    const lapsed = await call('PATCH', `/api/records/qualification/${licence.id}`, { valid_to: yesterday });
    expect(lapsed.status, JSON.stringify(lapsed.body)).toBe(200);

    const approval = await approveAs('compliance', pending.id);
    expect(approval.status).toBe(422);
    expect(approval.body.errors[0]).toMatchObject({ field: 'dealer', rule: 'licence_expired' });
    expect(approval.body.errors[0].message).toContain(`粤穗药监械经营许20210004号 expired on ${yesterday}`);
    expect((await call('GET', `/api/records/dealer_authorization/${pending.id}`)).body.status).toBe('pending');

    const submit = await call('POST', `/api/records/dealer_authorization/${draft.id}/submit`, {});
    expect(submit.status).toBe(422);
    expect(submit.body.errors[0]).toMatchObject({ field: 'dealer', rule: 'licence_expired' });
    expect((await call('GET', `/api/records/dealer_authorization/${draft.id}`)).body.status).toBe('draft');

    const covered = await dealerHolding(operationLicence('粤穗药监械经营许20210005号'));
    const moved = created(await requestGrant(covered.id, { product: classThree.id }));
    expect((await call('PATCH', `/api/records/dealer_authorization/${moved.id}`, { dealer: dealer.id })).status).toBe(422);
  });
});
