/** The OpenAPI description shows each caller what it may reach: no object it can't read, no field it can't read. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createApiToken } from '../../engine/src/security/api-tokens.ts';
import { seedOrganisation, type Organisation } from '../helpers/access-fixture.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

let app: TestApp;
let org: Organisation;

beforeAll(async () => {
  app = await startTestApp();
  org = await seedOrganisation(app);
}, 60_000);
afterAll(async () => app?.dispose());

const openApiAs = async (userId?: string) => {
  const headers = userId ? { authorization: `Bearer ${(await createApiToken(app.db.knex, userId, 'openapi', null)).token}` } : {};
  return (await app.server.inject({ method: 'GET', url: '/api/openapi.json', headers })).json();
};
const dealFields = (doc: { components: { schemas: Record<string, { properties?: object }> } }) =>
  Object.keys(doc.components.schemas.Deal?.properties ?? {});

it('leaves out the fields and objects the caller cannot read', async () => {
  const admin = await openApiAs();
  const rep = await openApiAs(org.users.repEast.id);
  expect(dealFields(admin)).toContain('margin');
  expect(dealFields(rep)).not.toContain('margin');
  expect(dealFields(rep)).toContain('name');
  expect(JSON.stringify(rep)).not.toContain('margin');
  const portal = await app.server.inject({ method: 'GET', url: '/api/openapi.json', headers: { authorization: `Bearer ${(await createApiToken(app.db.knex, org.users.portalA.id, 'openapi', null)).token}` } });
  expect(portal.statusCode).toBe(403);
});
