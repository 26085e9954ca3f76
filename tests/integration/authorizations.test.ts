/**
 * Dealer authorizations of the medical-device pack on a real database with its demo data: the conflict check in
 * SQL (exact place, a region containing the hospital, exclusions, dates, exclusivity, product and its line), the
 * refusal of an approval that conflicts, and "who may sell".
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installBundledPlugins } from '../../engine/src/bundled-plugins.ts';
import { loadConfig } from '../../engine/src/config.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

let app: TestApp;
type Row = Record<string, unknown> & { id: string };
const call = async (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown, headers: Record<string, string> = {}) => {
  const res = await app.server.inject({ method, url, payload: payload as object, headers: { 'accept-language': 'en', ...headers } });
  return { status: res.statusCode, body: res.body ? res.json() : undefined };
};
const first = async (object: string, filter?: object): Promise<Row> =>
  (await call('GET', `/api/records/${object}?limit=1${filter ? `&filter=${encodeURIComponent(JSON.stringify(filter))}` : ''}`)).body.data[0];

let dealerA: Row; let dealerB: Row; let product: Row; let otherProduct: Row; let hospital: Row; let neighbour: Row; let department: Row;

async function loginAs(username: string): Promise<Record<string, string>> {
  const res = await app.server.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: app.demoLogins.password } });
  return { cookie: String(res.headers['set-cookie']).split(';')[0], 'x-csrf-token': res.json().csrfToken };
}

async function grant(values: Record<string, unknown>): Promise<Row> {
  const res = await call('POST', '/api/records/dealer_authorization', {
    dealer: dealerA.id, kind: 'annual', valid_from: '2027-01-01', valid_to: '2027-12-31', exclusive: true, status: 'approved', ...values,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}
const conflictsOf = async (id: string) => {
  const res = await call('POST', `/api/records/dealer_authorization/${id}/actions/check_conflicts`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.data as { id: string; dealer: { name: string }; why: { en: string }; place: { en: string } }[];
};

beforeAll(async () => {
  app = await startTestApp();
  await installBundledPlugins(app, { ...loadConfig({}), bundledPlugins: ['medical_dms'], demoData: true }, () => undefined);
  [dealerA, dealerB] = (await call('GET', '/api/records/dealer?limit=2&sort=name')).body.data;
  product = await first('product');
  otherProduct = await first('product', { '!=': [{ var: 'product_line' }, product.product_line] });
  department = await first('department');
  hospital = (await call('GET', `/api/records/hospital/${department.hospital}`)).body;
  neighbour = await first('hospital', { and: [{ '==': [{ var: 'city' }, hospital.city] }, { '!=': [{ var: 'id' }, hospital.id] }] });
}, 300_000);
afterAll(async () => app?.dispose());

describe('the conflict check', () => {
  it('finds an exclusive grant at the same hospital and department, for the product or its line, with overlapping dates', async () => {
    const existing = await grant({ product: product.id, hospital: hospital.id, department: department.id });
    const lineWide = await grant({ product_line: product.product_line, hospital: hospital.id, status: 'pending', valid_from: '2027-06-01', valid_to: '2028-05-31' });
    const candidate = await grant({ dealer: dealerB.id, product: product.id, hospital: hospital.id, department: department.id, status: 'draft', valid_from: '2027-03-01', valid_to: '2027-09-30' });
    const found = await conflictsOf(candidate.id);
    expect(found.map((c) => c.id).sort()).toEqual([existing.id, lineWide.id].sort());
    expect(found.find((c) => c.id === existing.id)!.why.en).toMatch(/the same product, the same hospital and department, valid 2027-01-01 to 2027-12-31/);
    expect(found.find((c) => c.id === lineWide.id)!.why.en).toMatch(/the product's line/);
    expect(found[0].dealer.name).toBe(dealerA.name);
  });

  it('finds a region containing the hospital unless the hospital is excluded', async () => {
    const region = await grant({ product_line: otherProduct.product_line, region: hospital.city });
    const candidate = await grant({ dealer: dealerB.id, product: otherProduct.id, hospital: hospital.id, status: 'draft' });
    expect((await conflictsOf(candidate.id)).map((c) => c.why.en)).toEqual([expect.stringMatching(/a region containing the hospital, not excluded/)]);
    const excluded = await call('POST', '/api/records/authorization_exclusion', { dealer_authorization: region.id, hospital: hospital.id });
    expect(excluded.status, JSON.stringify(excluded.body)).toBe(201);
    expect(await conflictsOf(candidate.id)).toEqual([]);
    const atNeighbour = await grant({ dealer: dealerB.id, product: otherProduct.id, hospital: neighbour.id, status: 'draft' });
    expect((await conflictsOf(atNeighbour.id)).map((c) => c.id)).toEqual([region.id]);
  });

  it('checks a region grant against the grants at hospitals inside it and the regions overlapping it, except the hospitals it excludes', async () => {
    const year = { valid_from: '2032-01-01', valid_to: '2032-12-31' };
    const atHospital = await grant({ ...year, product: otherProduct.id, hospital: hospital.id });
    const province = await grant({ ...year, product_line: otherProduct.product_line, region: hospital.province, status: 'pending' });
    await grant({ ...year, product: product.id, hospital: hospital.id });
    const candidate = await grant({ ...year, dealer: dealerB.id, product_line: otherProduct.product_line, region: hospital.city, status: 'draft' });
    expect((await conflictsOf(candidate.id)).map((c) => c.id).sort()).toEqual([atHospital.id, province.id].sort());
    const excluded = await call('POST', '/api/records/authorization_exclusion', { dealer_authorization: candidate.id, hospital: hospital.id });
    expect(excluded.status, JSON.stringify(excluded.body)).toBe(201);
    expect((await conflictsOf(candidate.id)).map((c) => c.id)).toEqual([province.id]);
  });

  it('ignores other dates, non-exclusive grants, other products, drafts and rejected grants', async () => {
    const place = { product: product.id, hospital: neighbour.id };
    await grant({ ...place, valid_from: '2026-01-01', valid_to: '2026-12-31' });
    await grant({ ...place, exclusive: false });
    await grant({ ...place, status: 'rejected' });
    await grant({ product: otherProduct.id, hospital: neighbour.id, dealer: dealerB.id, status: 'draft', exclusive: false });
    const candidate = await grant({ ...place, dealer: dealerB.id, status: 'draft' });
    expect(await conflictsOf(candidate.id)).toEqual([]);
  });
});

describe('approval', () => {
  it('refuses to approve a grant that conflicts, naming the conflicting grant, and approves it once the dates are fixed', async () => {
    const place = { product: otherProduct.id, hospital: neighbour.id };
    await grant({ ...place, valid_from: '2029-01-01', valid_to: '2029-12-31' });
    const candidate = await grant({ ...place, dealer: dealerB.id, status: 'draft', valid_from: '2029-06-01', valid_to: '2030-05-31' });
    const submitted = await call('POST', `/api/records/dealer_authorization/${candidate.id}/submit`, {});
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(201);
    const approve = async (username: string) => {
      const headers = await loginAs(username);
      const inbox = (await call('GET', '/api/approvals/inbox?limit=100', undefined, headers)).body.data as { recordId: string; taskId: string }[];
      return call('POST', `/api/approvals/${inbox.find((t) => t.recordId === candidate.id)!.taskId}/approve`, {}, headers);
    };
    expect((await approve('channel.director')).status).toBe(200);
    const refused = await approve('compliance');
    expect(refused.status).toBe(422);
    expect(refused.body.errors[0]).toMatchObject({ field: 'status', rule: 'authorization_conflict' });
    expect(refused.body.errors[0].message).toMatch(new RegExp(`Conflicts with 1 exclusive grant.*${dealerA.name}.*2029-01-01–2029-12-31`));
    expect((await call('GET', `/api/records/dealer_authorization/${candidate.id}`)).body.status).toBe('pending');
    const fixed = await call('PATCH', `/api/records/dealer_authorization/${candidate.id}`, { valid_from: '2030-01-01' });
    expect(fixed.status, JSON.stringify(fixed.body)).toBe(200);
    expect((await approve('compliance')).status).toBe(200);
    expect((await call('GET', `/api/records/dealer_authorization/${candidate.id}`)).body.status).toBe('approved');
  });
});

describe('who may sell', () => {
  const ask = (params: Record<string, string>) => call('GET', `/api/plugins/medical_dms/who-may-sell?${new URLSearchParams(params)}`);

  it('answers the dealers holding an approved grant for the product or its line, at the hospital or a region containing it', async () => {
    const res = await ask({ product: product.id, hospital: hospital.id, department: department.id, date: '2027-07-01' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.data.map((r: { dealer: { name: string } }) => r.dealer.name)).toEqual([dealerA.name]);
    expect((await ask({ product: product.id, hospital: hospital.id, date: '2031-01-01' })).body.data).toEqual([]);
    const region = await ask({ product: otherProduct.id, hospital: neighbour.id, date: '2027-07-01' });
    expect(region.body.data.map((r: { place: { en: string } }) => r.place.en)).toContainEqual(expect.stringMatching(/\(region\)$/));
    expect((await ask({ product: otherProduct.id, hospital: hospital.id, date: '2027-07-01' })).body.data).toEqual([]);
  });

  it('answers 400 naming the bad parameters, never 500', async () => {
    const bad = await ask({ product: 'x', hospital: hospital.id, date: '2027-02-30' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['product', 'date']);
    await fc.assert(fc.asyncProperty(
      fc.record({ product: fc.oneof(fc.string(), fc.uuid()), hospital: fc.oneof(fc.string(), fc.uuid()), department: fc.oneof(fc.string(), fc.uuid()), date: fc.oneof(fc.string(), fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10))) }, { requiredKeys: [] }),
      async (params) => {
        const res = await ask(params);
        expect([200, 400]).toContain(res.status);
      },
    ), { numRuns: 150 });
  });
});
