import type { AddressInfo } from 'node:net';
import { OpenAPIClientAxios, type Document, type OpenAPIClient } from 'openapi-client-axios';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOSPITAL_3A_BEDS_RULE, HOSPITAL_OBJECT } from '../fixtures/contract-examples.ts';
import { openApiErrors } from '../helpers/openapi-lint.ts';
import { deploy, startTestApp, type TestApp } from '../helpers/test-app.ts';

interface Hospital {
  id: string;
  version: number;
  name: string;
  code?: string | null;
  level?: string | null;
  region?: string | null;
  beds?: number | null;
  opened_on?: string | null;
}

describe('a client generated from /api/openapi.json', () => {
  let app: TestApp;
  let baseUrl: string;
  let definition: Document;
  let client: OpenAPIClient;

  beforeAll(async () => {
    app = await startTestApp();
    const res = await deploy(app, [HOSPITAL_OBJECT, HOSPITAL_3A_BEDS_RULE]);
    expect(res.statusCode, res.body).toBe(200);
    await app.server.listen({ port: 0, host: '127.0.0.1' });
    baseUrl = `http://127.0.0.1:${(app.server.server.address() as AddressInfo).port}`;
    const fetched = await fetch(`${baseUrl}/api/openapi.json`, { headers: { authorization: `Bearer ${app.adminToken}` } });
    expect(fetched.status).toBe(200);
    definition = (await fetched.json()) as Document;
  });

  afterAll(async () => {
    await app?.dispose();
  });

  it('is a valid OpenAPI 3.1 document that describes the hospital object', async () => {
    expect(definition.openapi).toMatch(/^3\.1\./);
    expect(await openApiErrors(definition)).toEqual([]);
    expect(Object.keys(definition.paths ?? {})).toContain('/api/records/hospital');
    // The server it advertises is the one that served it, so a generated client needs no configuration.
    expect(definition.servers?.[0]?.url).toBe(baseUrl);
  });

  it('creates two hospitals and lists them back with a filter through the generated operations', async () => {
    client = await new OpenAPIClientAxios({
      definition,
      axiosConfigDefaults: { validateStatus: () => true, headers: { authorization: `Bearer ${app.adminToken}` } },
    }).init();
    expect(typeof client.createHospital).toBe('function');
    expect(typeof client.listHospital).toBe('function');

    const big = await client.createHospital(undefined, {
      name: '北京协和医院', code: 'PUMCH', level: '3A', region: '110101', beds: 2000, opened_on: '1921-09-16',
    });
    expect(big.status, JSON.stringify(big.data)).toBe(201);
    const created = big.data as Hospital;
    expect(created).toMatchObject({ name: '北京协和医院', code: 'PUMCH', level: '3A', region: '110101', beds: 2000, opened_on: '1921-09-16' });
    expect(created.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.version).toBe(1);

    const small = await client.createHospital(undefined, { name: 'Community clinic', code: 'CC-1', level: '3B', beds: 40 });
    expect(small.status, JSON.stringify(small.data)).toBe(201);
    expect(small.data).toMatchObject({ name: 'Community clinic', level: '3B', beds: 40 });

    // The 3A rule answers through the client too, as problem+json naming the field.
    const refused = await client.createHospital(undefined, { name: 'Too small', level: '3A', beds: 10 });
    expect(refused.status).toBe(422);
    expect(String(refused.headers['content-type'])).toContain('application/problem+json');
    expect(refused.data.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'beds' })]));

    const all = await client.listHospital({ sort: 'name' });
    expect(all.status).toBe(200);
    expect((all.data.data as Hospital[]).map((h) => h.name).sort()).toEqual(['Community clinic', '北京协和医院'].sort());

    const filtered = await client.listHospital({ filter: JSON.stringify({ '==': [{ var: 'level' }, '3A'] }), count: 'true' });
    expect(filtered.status, JSON.stringify(filtered.data)).toBe(200);
    const rows = filtered.data.data as Hospital[];
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: created.id, name: '北京协和医院', beds: 2000 });
    expect(filtered.data.total).toBe(1);

    const byBeds = await client.listHospital({ filter: JSON.stringify({ '<': [{ var: 'beds' }, 100] }) });
    expect(byBeds.status).toBe(200);
    expect((byBeds.data.data as Hospital[]).map((h) => h.code)).toEqual(['CC-1']);
  });
});
