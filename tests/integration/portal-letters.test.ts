/**
 * Authorizations and their letters for the dealer portal, on the medical-device pack with its demo data: a portal
 * user sees its own dealer's grants whoever owns them and their letters (never another dealer's), gets the
 * verification link of a letter in force again later (the code is kept sealed, never in clear), applies for a new
 * grant with its dealer fixed, and its submission starts the approval workflow; a decided grant keeps its terms.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installBundledPlugins } from '../../engine/src/bundled-plugins.ts';
import { loadConfig } from '../../engine/src/config.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

let app: TestApp;
type Row = Record<string, unknown> & { id: string };
type Headers = Record<string, string>;
type LetterAnswer = { id: string; status: string; verifyUrl: string | null; recordId: string; content: { 'zh-CN': { body: string }; en: { body: string } } };

const call = async (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown, headers: Headers = {}) => {
  const res = await app.server.inject({ method, url, payload: payload as object, headers: { 'accept-language': 'en', ...headers } });
  return { status: res.statusCode, body: /json/.test(String(res.headers['content-type'])) ? res.json() : res.body };
};

async function loginAs(username: string): Promise<Headers> {
  const res = await app.server.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: app.demoLogins.password } });
  expect(res.statusCode, res.body).toBe(200);
  return { cookie: String(res.headers['set-cookie']).split(';')[0], 'x-csrf-token': res.json().csrfToken };
}

let portalA: Headers;
let portalB: Headers;
let dealerA: string;
let dealerB: string;
let product: Row;
let department: Row;
let hospital: Row;

async function grant(values: Record<string, unknown>, headers: Headers = {}): Promise<Row> {
  const res = await call('POST', '/api/records/dealer_authorization', {
    product: product.id, hospital: hospital.id, department: department.id, kind: 'annual',
    valid_from: '2026-01-01', valid_to: '2036-12-31', status: 'approved', ...values,
  }, headers);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

async function issue(recordId: string): Promise<LetterAnswer> {
  const res = await call('POST', '/api/letters', {
    object: 'dealer_authorization', recordId, template: 'dealer_authorization_letter', validFromField: 'valid_from', validToField: 'valid_to',
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

const accountOf = async (username: string) => (await app.db.knex('qd_users').where({ username }).first('account_id')).account_id as string;

beforeAll(async () => {
  app = await startTestApp();
  await installBundledPlugins(app, { ...loadConfig({}), bundledPlugins: ['medical_dms'], demoData: true }, () => undefined);
  [portalA, portalB] = [await loginAs('portal.a'), await loginAs('portal.b')];
  [dealerA, dealerB] = [await accountOf('portal.a'), await accountOf('portal.b')];
  product = (await call('GET', '/api/records/product?limit=1')).body.data[0];
  department = (await call('GET', '/api/records/department?limit=1')).body.data[0];
  hospital = (await call('GET', `/api/records/hospital/${department.hospital}`)).body;
}, 300_000);
afterAll(async () => app?.dispose());

describe("a dealer's authorizations and letters in the portal", () => {
  let ownGrants: Row[];
  let otherGrant: Row;
  let ownLetter: LetterAnswer;
  let otherLetter: LetterAnswer;

  beforeAll(async () => {
    // Two channel managers own dealer A's grants: the portal shows both.
    ownGrants = [
      await grant({ dealer: dealerA, owner_id: await userId('channel.manager') }),
      await grant({ dealer: dealerA, owner_id: await userId('channel.manager.north'), kind: 'tender', tender_number: 'ZB-2026-017' }),
    ];
    otherGrant = await grant({ dealer: dealerB });
    ownLetter = await issue(ownGrants[1].id);
    otherLetter = await issue(otherGrant.id);
  });

  it("lists every grant of its own dealer, whichever manager owns it, and none of another dealer's", async () => {
    const listed = (await call('GET', '/api/records/dealer_authorization?limit=200', undefined, portalA)).body.data as Row[];
    expect(listed.map((g) => g.id)).toEqual(expect.arrayContaining(ownGrants.map((g) => g.id)));
    expect(listed.every((g) => g.dealer === dealerA)).toBe(true);
    expect((await call('GET', `/api/records/dealer_authorization/${otherGrant.id}`, undefined, portalA)).status).toBe(404);
  });

  it("shows the grant's hospital and department by name", async () => {
    const res = await call('GET', `/api/records/dealer_authorization/${ownGrants[0].id}?expand=hospital,department`, undefined, portalA);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.hospital).toMatchObject({ id: hospital.id, name: hospital.name });
    expect(res.body.department).toMatchObject({ id: department.id, name: department.name });
  });

  it('reads the letter of its own grant with the words as issued, downloads the PDF, and gets nothing of another dealer', async () => {
    const list = await call('GET', `/api/letters?object=dealer_authorization&recordId=${ownGrants[1].id}`, undefined, portalA);
    expect(list.status).toBe(200);
    expect(list.body.data.map((l: LetterAnswer) => l.id)).toEqual([ownLetter.id]);
    const words = list.body.data[0].content['zh-CN'].body as string;
    expect(words).toContain(hospital.name as string);
    expect(words).toContain(department.name as string);
    expect(words).toContain('招标编号 ZB-2026-017');
    expect(words).toContain('有效期：2026-01-01 至 2036-12-31');
    const pdf = await app.server.inject({ method: 'GET', url: `/api/letters/${ownLetter.id}/pdf`, headers: portalA });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');

    for (const url of [`/api/letters/${otherLetter.id}`, `/api/letters/${otherLetter.id}/pdf`, `/api/letters/${otherLetter.id}/link`,
      `/api/letters?object=dealer_authorization&recordId=${otherGrant.id}`]) {
      const res = await call('GET', url, undefined, portalA);
      expect(res.status, url).toBe(404);
      expect(JSON.stringify(res.body)).not.toContain(otherLetter.verifyUrl!.split('/verify/')[1]);
    }
    expect((await call('GET', `/api/letters/${ownLetter.id}`, undefined, portalB)).status).toBe(404);
  });

  it('gets the verification link of a letter in force again, the same the QR code holds, and it verifies', async () => {
    const link = await app.server.inject({ method: 'GET', url: `/api/letters/${ownLetter.id}/link`, headers: portalA });
    expect(link.statusCode, link.body).toBe(200);
    expect(link.headers['cache-control']).toBe('no-store');
    expect(link.json().verifyUrl).toBe(ownLetter.verifyUrl);
    const page = await app.server.inject({ method: 'GET', url: new URL(ownLetter.verifyUrl!).pathname, headers: { authorization: '' } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('有效');
    const row = await app.db.knex('qd_letters').where({ id: ownLetter.id }).first('code_sealed');
    expect(row.code_sealed).not.toContain(ownLetter.verifyUrl!.split('/verify/')[1]);
  });

  it('is not told a link for a letter replaced, revoked, or kept without its code', async () => {
    const first = await issue(ownGrants[0].id);
    const second = await issue(ownGrants[0].id);
    const linkOf = (id: string) => call('GET', `/api/letters/${id}/link`, undefined, portalA);
    const superseded = await linkOf(first.id);
    expect(superseded.status).toBe(409);
    expect(superseded.body).toMatchObject({ code: 'LETTER_LINK_UNAVAILABLE', errors: [{ field: 'id', rule: 'in_force' }] });
    expect((await linkOf(second.id)).status).toBe(200);

    expect((await call('POST', `/api/letters/${second.id}/revoke`, { reason: '授权终止' })).status).toBe(200);
    expect((await linkOf(second.id)).status).toBe(409);

    await app.db.knex('qd_letters').where({ id: ownLetter.id }).update({ code_sealed: null });
    const unsealed = await linkOf(ownLetter.id);
    expect(unsealed.status).toBe(409);
    expect(unsealed.body.errors[0]).toMatchObject({ field: 'id', rule: 'code_kept', message: expect.stringMatching(/issue the letter again/) });
  });

  it('may not issue or revoke letters', async () => {
    const issued = await call('POST', '/api/letters', { object: 'dealer_authorization', recordId: ownGrants[0].id, template: 'dealer_authorization_letter' }, portalA);
    expect(issued.status).toBe(403);
    expect((await call('POST', `/api/letters/${ownLetter.id}/revoke`, { reason: 'x' }, portalA)).status).toBe(403);
  });
});

describe('applying for an authorization from the portal', () => {
  it("creates a draft for its own dealer, refuses another dealer's, and the submission starts the approval", async () => {
    const draft = await grant({ status: undefined, product: product.id, valid_from: '2027-01-01', valid_to: '2027-12-31' }, portalA);
    expect(draft).toMatchObject({ dealer: dealerA, status: 'draft' });

    const forOther = await call('POST', '/api/records/dealer_authorization', { dealer: dealerB, product: product.id, hospital: hospital.id, kind: 'annual', valid_from: '2027-01-01', valid_to: '2027-12-31' }, portalA);
    expect(forOther.status).toBe(422);
    expect(forOther.body.errors).toEqual([expect.objectContaining({ field: 'dealer', rule: 'not_found' })]);
    const approvedAtOnce = await call('POST', '/api/records/dealer_authorization', { product: product.id, hospital: hospital.id, kind: 'annual', valid_from: '2027-01-01', valid_to: '2027-12-31', status: 'approved' }, portalA);
    expect(approvedAtOnce.status).toBe(403);
    expect(approvedAtOnce.body.errors).toEqual([expect.objectContaining({ field: 'status', rule: 'not_editable' })]);

    const submitted = await call('POST', `/api/records/dealer_authorization/${draft.id}/submit`, {}, portalA);
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(201);
    expect((await call('GET', `/api/records/dealer_authorization/${draft.id}`, undefined, portalA)).body.status).toBe('pending');
    const inbox = (await call('GET', '/api/approvals/inbox?limit=100', undefined, await loginAs('channel.director'))).body.data as { recordId: string }[];
    expect(inbox.map((t) => t.recordId)).toContain(draft.id);
  });

  it('may neither change the terms of a decided grant nor submit it again', async () => {
    const approved = await grant({ dealer: dealerA, valid_from: '2028-01-01', valid_to: '2028-12-31' });
    const changed = await call('PATCH', `/api/records/dealer_authorization/${approved.id}`, { valid_to: '2030-12-31' }, portalA);
    expect(changed.status).toBe(422);
    expect(changed.body.errors).toEqual([expect.objectContaining({ field: 'valid_to', rule: 'authorization_settled' })]);
    expect((await call('GET', `/api/records/dealer_authorization/${approved.id}`)).body.valid_to).toBe('2028-12-31');
    expect((await call('POST', `/api/records/dealer_authorization/${approved.id}/submit`, {}, portalA)).status).toBe(422);
    expect((await call('GET', `/api/records/dealer_authorization/${approved.id}`)).body.status).toBe('approved');
  });
});

async function userId(username: string): Promise<string> {
  return (await app.db.knex('qd_users').where({ username }).first('id')).id as string;
}
