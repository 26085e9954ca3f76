import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deploy, startTestApp, type TestApp } from '../helpers/test-app.ts';

const label = (en: string, zh = en) => ({ 'zh-CN': zh, en });
const order = (rollups: object[] = []) => ({
  kind: 'object', name: 'sales_order', label: label('Order', '订单'),
  fields: [{ name: 'title', type: 'text', label: label('Title', '标题') }, ...rollups],
});
const line = {
  kind: 'object', name: 'order_line', label: label('Order line', '订单行'),
  fields: [
    { name: 'sales_order', type: 'master_detail', target: 'sales_order', label: label('Order', '订单'), required: true },
    { name: 'amount', type: 'money', label: label('Amount', '金额') },
  ],
};
const ROLLUPS = [
  { name: 'lines', type: 'rollup', returns: 'integer', of: 'order_line', via: 'sales_order', aggregate: 'count', label: label('Lines', '行数') },
  { name: 'total', type: 'rollup', returns: 'money', of: 'order_line', via: 'sales_order', aggregate: 'sum', field: 'amount', label: label('Total', '合计') },
  { name: 'largest', type: 'rollup', returns: 'money', of: 'order_line', via: 'sales_order', aggregate: 'max', field: 'amount', label: label('Largest', '最大') },
];

let app: TestApp;
const call = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) => app.server.inject({ method, url, payload: payload as object });
const orderOf = async (id: string) => (await call('GET', `/api/records/sales_order/${id}`)).json();

beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => app?.dispose());

describe('rollup fields', () => {
  it('start from the details that exist when the rollup is added', async () => {
    expect((await deploy(app, [order(), line])).statusCode).toBe(200);
    const existing = (await call('POST', '/api/records/sales_order', { title: 'A' })).json();
    await call('POST', '/api/records/order_line', { sales_order: existing.id, amount: '10.00' });
    await call('POST', '/api/records/order_line', { sales_order: existing.id, amount: '5.50' });
    const res = await deploy(app, [order(ROLLUPS), line]);
    expect(res.statusCode, res.body).toBe(200);
    expect(await orderOf(existing.id)).toMatchObject({ lines: 2, total: '15.50', largest: '10.00' });
  });

  it('follow every detail write: create, update, move to another master, delete and restore', async () => {
    const a = (await call('POST', '/api/records/sales_order', { title: 'B' })).json();
    const b = (await call('POST', '/api/records/sales_order', { title: 'C' })).json();
    expect(await orderOf(a.id)).toMatchObject({ lines: 0, total: '0.00', largest: null });
    const first = (await call('POST', '/api/records/order_line', { sales_order: a.id, amount: '100.00' })).json();
    const second = (await call('POST', '/api/records/order_line', { sales_order: a.id, amount: '30.00' })).json();
    expect(await orderOf(a.id)).toMatchObject({ lines: 2, total: '130.00', largest: '100.00' });
    await call('PATCH', `/api/records/order_line/${second.id}`, { amount: '300.00' });
    expect(await orderOf(a.id)).toMatchObject({ total: '400.00', largest: '300.00' });
    await call('PATCH', `/api/records/order_line/${second.id}`, { sales_order: b.id });
    expect(await orderOf(a.id)).toMatchObject({ lines: 1, total: '100.00' });
    expect(await orderOf(b.id)).toMatchObject({ lines: 1, total: '300.00' });
    await call('DELETE', `/api/records/order_line/${first.id}`);
    expect(await orderOf(a.id)).toMatchObject({ lines: 0, total: '0.00', largest: null });
    await call('POST', `/api/records/order_line/${first.id}/restore`);
    expect(await orderOf(a.id)).toMatchObject({ lines: 1, total: '100.00' });
  });

  it('lose nothing under concurrent detail writes to one master', async () => {
    const target = (await call('POST', '/api/records/sales_order', { title: 'D' })).json();
    const writes = await Promise.all(
      Array.from({ length: 12 }, (_, i) => call('POST', '/api/records/order_line', { sales_order: target.id, amount: `${i + 1}.00` })),
    );
    expect(writes.every((r) => r.statusCode === 201)).toBe(true);
    expect(await orderOf(target.id)).toMatchObject({ lines: 12, total: '78.00', largest: '12.00' });
  });

  it('roll back with the detail write when it fails, and refuse writes to the rollup itself', async () => {
    const target = (await call('POST', '/api/records/sales_order', { title: 'E' })).json();
    const bad = await call('POST', '/api/records/order_line', { sales_order: '01900000-0000-7000-8000-000000000000', amount: '1.00' });
    expect(bad.json().errors[0]).toMatchObject({ field: 'sales_order', rule: 'lookup_not_found' });
    const direct = await call('PATCH', `/api/records/sales_order/${target.id}`, { total: '999.00' });
    expect(direct.json().errors[0]).toMatchObject({ field: 'total', rule: 'read_only' });
  });
});
