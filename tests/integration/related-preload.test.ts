import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capturedQueries } from '../helpers/captured-queries.ts';
import { deploy, startTestApp, type TestApp } from '../helpers/test-app.ts';

const label = (en: string, zh = en) => ({ 'zh-CN': zh, en });
const DEALER = {
  kind: 'object', name: 'partner', label: label('Partner', '经销商'),
  fields: [
    { name: 'name', type: 'text', label: label('Name', '名称') },
    { name: 'tier', type: 'text', label: label('Tier', '层级') },
    { name: 'credit_limit', type: 'money', label: label('Credit limit', '信用额度') },
    { name: 'open_balance', type: 'money', label: label('Open balance', '未结余额') },
    { name: 'parent', type: 'lookup', target: 'partner', label: label('Parent', '上级') },
    { name: 'region', type: 'region', label: label('Region', '地区') },
  ],
};
const ORDER = {
  kind: 'object', name: 'purchase', label: label('Purchase', '采购单'),
  fields: [
    { name: 'partner', type: 'lookup', target: 'partner', label: label('Partner', '经销商') },
    { name: 'amount', type: 'money', label: label('Amount', '金额') },
    { name: 'ordered_on', type: 'date', label: label('Ordered on', '下单日期') },
    { name: 'parent_tier', type: 'formula', returns: 'text', expression: { var: 'partner.parent.tier' }, label: label('Parent tier', '上级层级') },
  ],
};
const RULE = {
  kind: 'validationRule', name: 'purchase_within_credit', object: 'purchase', field: 'amount',
  errorWhen: {
    and: [
      { '!!': { var: 'partner.id' } },
      { '>': [{ var: 'amount' }, { '-': [{ var: 'partner.credit_limit' }, { var: 'partner.open_balance' }] }] },
    ],
  },
  message: label('The amount exceeds the credit left to {{partner.name}}', '金额超出 {{partner.name}} 的剩余信用额度'),
};

let app: TestApp;
let partnerId: string;
const post = (url: string, payload: object) => app.server.inject({ method: 'POST', url, payload, headers: { 'accept-language': 'en' } });

/** The SQL texts one request sends. */
const statements = async (work: () => Promise<unknown>) => (await capturedQueries(app.db.knex, work)).map((q) => q.sql);

beforeAll(async () => {
  app = await startTestApp();
  expect((await deploy(app, [DEALER, ORDER, RULE])).statusCode).toBe(200);
  const platform = (await post('/api/records/partner', { name: '平台商', tier: 'platform', region: '310000' })).json();
  partnerId = (await post('/api/records/partner', { name: '成都康达', tier: 'level_2', credit_limit: '1000.00', open_balance: '300.00', parent: platform.id, region: '510104' })).json().id;
});
afterAll(async () => app?.dispose());

describe('rules and formulas that read through lookups', () => {
  it('evaluate `amount > partner.credit_limit - partner.open_balance` with one preload query', async () => {
    let refused: Awaited<ReturnType<typeof post>> | undefined;
    const sql = await statements(async () => {
      refused = await post('/api/records/purchase', { partner: partnerId, amount: '800.00' });
    });
    expect(refused!.statusCode).toBe(422);
    expect(refused!.json().errors).toEqual([{ field: 'amount', rule: 'purchase_within_credit', message: 'The amount exceeds the credit left to 成都康达' }]);
    expect(sql).toHaveLength(1);
    expect(sql[0]).toMatch(/^SELECT \(SELECT jsonb_build_object/);
  });

  it('let a write within the limit through, computing a formula two lookups away, in two statements', async () => {
    let created: Awaited<ReturnType<typeof post>> | undefined;
    const sql = await statements(async () => {
      created = await post('/api/records/purchase', { partner: partnerId, amount: '700.00' });
    });
    expect(created!.statusCode, created!.body).toBe(201);
    expect(created!.json().parent_tier).toBe('platform');
    expect(sql).toHaveLength(2);
  });

  it('skip the preload for a lookup that is empty, malformed or unknown, leaving the errors to validation', async () => {
    expect((await post('/api/records/purchase', { partner: 'not-a-uuid', amount: '1.00' })).json().errors[0]).toMatchObject({ field: 'partner', rule: 'format' });
    const unknown = await post('/api/records/purchase', { partner: '01900000-0000-7000-8000-000000000000', amount: '1.00' });
    expect(unknown.json().errors[0]).toMatchObject({ field: 'partner', rule: 'lookup_not_found' });
    expect((await post('/api/records/purchase', { amount: '1.00' })).statusCode).toBe(201);
  });

  it('see the related record as it is now, on update too', async () => {
    const purchase = (await post('/api/records/purchase', { partner: partnerId, amount: '100.00' })).json();
    await app.server.inject({ method: 'PATCH', url: `/api/records/partner/${partnerId}`, payload: { open_balance: '950.00' } });
    const res = await app.server.inject({ method: 'PATCH', url: `/api/records/purchase/${purchase.id}`, payload: { amount: '60.00' } });
    expect(res.json().errors[0].rule).toBe('purchase_within_credit');
  });
});

describe('list filters that go through lookups', () => {
  it('run a nested and/or with a date range and a lookup path as one SQL statement', async () => {
    const shanghai = (await post('/api/records/partner', { name: '上海医械', tier: 'platform', region: '310104', credit_limit: '99999.00' })).json();
    await post('/api/records/purchase', { partner: shanghai.id, amount: '10.00', ordered_on: '2026-03-01' });
    await post('/api/records/purchase', { partner: partnerId, amount: '10.00', ordered_on: '2026-03-02' });
    await post('/api/records/purchase', { partner: partnerId, amount: '10.00', ordered_on: '2025-01-01' });
    const filter = {
      and: [
        { region_in: [{ var: 'partner.region' }, '510000'] },
        { or: [{ '<=': ['2026-01-01', { var: 'ordered_on' }, '2026-12-31'] }, { '==': [{ var: 'partner.parent.tier' }, 'none'] }] },
      ],
    };
    let res: Awaited<ReturnType<typeof post>> | undefined;
    const sql = await statements(async () => {
      res = await app.server.inject({ method: 'GET', url: `/api/records/purchase?filter=${encodeURIComponent(JSON.stringify(filter))}` });
    });
    expect(res!.statusCode, res!.body).toBe(200);
    expect(res!.json().data.map((r: { ordered_on: string }) => r.ordered_on)).toEqual(['2026-03-02']);
    expect(sql).toHaveLength(1);
    // Each lookup path is an EXISTS over the live related rows (nested per lookup), not a subquery per row.
    expect(sql[0].slice(sql[0].indexOf(' where '), sql[0].indexOf(' order by '))).toBe(
      ' where t.deleted_at IS NULL and' +
      ' (EXISTS (SELECT 1 FROM "data"."partner" AS r0 WHERE r0.id = "t"."partner" AND r0.deleted_at IS NULL AND ("r0"."region" LIKE $1)))' +
      ' AND ((("t"."ordered_on" >= $2) AND ("t"."ordered_on" <= $3))' +
      ' OR (EXISTS (SELECT 1 FROM "data"."partner" AS r0 WHERE r0.id = "t"."partner" AND r0.deleted_at IS NULL' +
      ' AND (EXISTS (SELECT 1 FROM "data"."partner" AS r1 WHERE r1.id = "r0"."parent" AND r1.deleted_at IS NULL AND ("r1"."tier" = $4))))))',
    );
  });

  it('refuses a path that does not follow lookups, naming it', async () => {
    const filter = { '==': [{ var: 'amount.value' }, 1] };
    const res = await app.server.inject({ method: 'GET', url: `/api/records/purchase?filter=${encodeURIComponent(JSON.stringify(filter))}` });
    expect(res.json().errors[0]).toMatchObject({ field: '/==/0/var', rule: 'lookup_path' });
  });
});
