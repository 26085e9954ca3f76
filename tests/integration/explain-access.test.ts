/**
 * What users are told about access: GET /api/access/explain (why a user reaches a record, or that nothing lets it),
 * and the OpenAPI description, which shows each caller only what it may reach.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../../engine/src/security/api-tokens.ts';
import { seedOrganisation, type Organisation } from '../helpers/access-fixture.ts';
import { createUser, startTestApp, type TestApp } from '../helpers/test-app.ts';

let app: TestApp;
let org: Organisation;
let dealId: string;

beforeAll(async () => {
  app = await startTestApp();
  org = await seedOrganisation(app);
  const rep = org.users.repEast;
  dealId = (await app.records.create('deal', { name: 'Rep east deal', account: org.account.A, stage: 'open', amount: 10 }, rep.ctx)).id as string;
}, 60_000);
afterAll(async () => app?.dispose());

const explain = (query: Record<string, string>, headers: Record<string, string> = {}) =>
  app.server.inject({ method: 'GET', url: `/api/access/explain?${new URLSearchParams(query)}`, headers });

describe('explain access', () => {
  it('names the grant: the owner, the role hierarchy, the dealer link', async () => {
    const byUser = async (username: string) => (await explain({ user: username, object: 'deal', id: dealId })).json();
    const rep = await byUser('rep_east');
    expect(rep.record).toMatchObject({ exists: true, read: { allowed: true, because: ['owner'], reasons: [{ reach: 'this', grant: { kind: 'owner' } }] }, edit: { allowed: true } });
    const manager = await byUser('mgr_east');
    expect(manager.record.read).toEqual({ allowed: true, because: ['role hierarchy'], reasons: [{ reach: 'this', grant: { kind: 'roleHierarchy' } }] });
    const dealerA = await byUser('dealer_a');
    expect(dealerA.record.read).toEqual({ allowed: true, because: ['dealer link account'], reasons: [{ reach: 'this', grant: { kind: 'dealerLink', via: 'account' } }] });
    expect(dealerA.fields.margin).toBe('none');
  });

  it('says that nothing grants a peer or another dealer, and the user is named by id or name', async () => {
    const peer = (await explain({ user: org.users.mgrWest.id, object: 'deal', id: dealId })).json();
    expect(peer.record.read).toEqual({ allowed: false, because: ['no grant reaches this record'], reasons: [{ reach: 'this', grant: { kind: 'noGrant' } }] });
    const dealerB = (await explain({ user: 'dealer_b', object: 'deal', id: dealId })).json();
    expect(dealerB.record.read.allowed).toBe(false);
    expect(dealerB.user.username).toBe('dealer_b');
  });

  it('answers for the whole object without an id', async () => {
    const body = (await explain({ user: 'mgr_east', object: 'deal' })).json();
    expect(body.records.read.allowed).toBe(true);
    expect(body.records.read.because).toEqual(expect.arrayContaining(['some records: owner', 'some records: role hierarchy']));
    expect(body.records.read.reasons).toEqual(expect.arrayContaining([{ reach: 'some', grant: { kind: 'owner' } }, { reach: 'some', grant: { kind: 'roleHierarchy' } }]));
    expect(body.objectRights).toEqual(expect.arrayContaining(['read', 'update']));
  });

  it('refuses bad parameters in both languages, and users without the right', async () => {
    const missing = await explain({ object: 'deal' }, { 'accept-language': 'en' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors[0]).toMatchObject({ field: 'user', message: 'user (a user id or name) is required' });
    const badId = await explain({ user: 'mgr_east', object: 'deal', id: 'x' }, { 'accept-language': 'zh-CN' });
    expect(badId.json().errors[0].message).toBe('id 须是记录的 UUID');
    expect((await explain({ user: 'nobody', object: 'deal' })).statusCode).toBe(404);
    const clerk = await createUser(app, { username: 'clerk_no_rights', role: 'rep_east' });
    const refused = await explain({ user: 'mgr_east', object: 'deal' }, { authorization: `Bearer ${clerk.token}` });
    expect(refused.statusCode).toBe(403);
  });
});

describe('the OpenAPI description', () => {
  const tokenOf = async (userId: string) => (await createApiToken(app.db.knex, userId, 'openapi', null)).token;
  const openApiAs = (token?: string) =>
    app.server.inject({ method: 'GET', url: '/api/openapi.json', headers: token ? { authorization: `Bearer ${token}` } : {} });
  const dealFields = (doc: { components: { schemas: Record<string, { properties?: object }> } }) =>
    Object.keys(doc.components.schemas.Deal?.properties ?? {});

  it('leaves out the fields and objects the caller cannot read', async () => {
    const admin = (await openApiAs()).json();
    const rep = (await openApiAs(await tokenOf(org.users.repEast.id))).json();
    expect(dealFields(admin)).toContain('margin');
    expect(dealFields(rep)).not.toContain('margin');
    expect(dealFields(rep)).toContain('name');
    expect(JSON.stringify(rep)).not.toContain('margin');
    expect((await openApiAs(await tokenOf(org.users.portalA.id))).statusCode).toBe(403);
  });
});
