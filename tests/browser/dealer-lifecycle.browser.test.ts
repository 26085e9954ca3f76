/**
 * The dealer lifecycle and "who may sell" in Chromium, on the product as `npm start` brings it up: a channel manager
 * asks who may sell a product to a hospital's department on a day (an answer, an empty one, a refused question),
 * then suspends an active dealer with a reason, which the channel director approves from the inbox.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { SCENARIO_TIMEOUT, unexpected, webAppSuite } from '../helpers/web-app-suite.ts';

type Row = Record<string, unknown> & { id: string };
let grant: { dealer: Row; product: Row; hospital: Row; department: Row };

const suite = webAppSuite('dealer-lifecycle', {
  setUp: async () => {
    const [product] = await adminList('product', { '==': [{ var: 'device_class' }, 'I'] }, 'name');
    const [department] = await adminList('department', undefined, 'name');
    const hospital = (await adminApi('GET', `/api/records/hospital/${department.hospital}`)).body as Row;
    const [dealer] = await adminList('dealer', { '==': [{ var: 'status' }, 'active'] }, 'name');
    const created = await adminApi('POST', '/api/records/dealer_authorization', {
      dealer: dealer.id, product: product.id, hospital: hospital.id, department: department.id, kind: 'annual',
      valid_from: '2020-01-01', valid_to: '2099-12-31', exclusive: false, status: 'approved',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    grant = { dealer, product, hospital, department };
  },
});
const { newPage, shoot, logIn } = suite;

async function adminApi(method: 'GET' | 'POST', url: string, body?: unknown) {
  const response = await suite.demo.app.server.inject({ method, url, payload: body as object, headers: { 'accept-language': 'zh-CN' } });
  return { status: response.statusCode, body: response.json() as Record<string, unknown> };
}
async function adminList(object: string, filter: object | undefined, sort: string): Promise<Row[]> {
  const query = `limit=1&sort=${sort}${filter ? `&filter=${encodeURIComponent(JSON.stringify(filter))}` : ''}`;
  return (await adminApi('GET', `/api/records/${object}?${query}`)).body.data as Row[];
}

/** Types into a lookup and picks the option showing `title`. */
async function lookUp(page: Page, testId: string, title: string): Promise<void> {
  await page.getByTestId(testId).click();
  await page.keyboard.type(title.slice(0, 6));
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: title }).first().click();
}

const option = (page: Page, text: string) => page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: text });

describe('who may sell', () => {
  it('answers with the dealers holding a grant, says when none does, and shows a refused question', async () => {
    const { page, errors } = await newPage();
    await logIn(page, 'channel.manager');
    await page.getByTestId('nav-page-who-may-sell').click();
    await page.waitForURL(/\/p\/medical_dms\/who-may-sell$/);
    const results = page.getByTestId('page-results');
    expect(await results.textContent()).toContain('填写条件后点击「查询」');
    expect(await page.getByTestId('page-input-department').locator('input').isDisabled()).toBe(true);

    await lookUp(page, 'page-input-product', String(grant.product.name));
    await lookUp(page, 'page-input-hospital', String(grant.hospital.name));
    await lookUp(page, 'page-input-department', String(grant.department.name));
    await page.getByTestId('page-run').click();
    const row = results.locator('tbody tr').filter({ hasText: String(grant.dealer.name) });
    await row.waitFor();
    expect(await row.textContent()).toContain('2020-01-01');
    expect(await row.textContent()).toContain('年度授权');
    await shoot(page, 'who-may-sell');

    const asked = new URL(page.url()).searchParams;
    asked.set('date', '2100-06-01');
    await page.goto(`/p/medical_dms/who-may-sell?${asked}`);
    await expect.poll(() => results.textContent(), { timeout: 15_000 }).toContain('该日期没有经销商获授权');

    await page.goto('/p/medical_dms/who-may-sell?product=not-an-id&date=2027-01-01');
    await expect.poll(() => page.getByTestId('page-error').textContent(), { timeout: 15_000 }).toContain('product 须是记录编号');
    expect(await page.getByTestId('page-error').textContent()).toContain('请提供 hospital');
    expect(unexpected(errors)).toEqual([]);
  }, SCENARIO_TIMEOUT);
});

describe('suspending a dealer', () => {
  it('asks the channel manager for a reason, shows the status asked for, and suspends it once the director approves', async () => {
    const [dealer] = await adminList('dealer', { and: [{ '==': [{ var: 'status' }, 'active'] }, { '==': [{ var: 'channel_manager' }, 'channel.manager'] }] }, '-name');
    const { page, errors } = await newPage();
    await logIn(page, 'channel.manager');
    await page.goto(`/o/dealer/${dealer.id}`);
    await page.getByTestId('approval-submit').click();
    await page.getByTestId('approval-workflow').click();
    expect(await option(page, '开始考察').count()).toBe(0);
    await option(page, '暂停合作').click();
    const confirm = page.getByTestId('approval-submit-confirm');
    await expect.poll(() => page.getByText('暂停原因').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    expect(await confirm.isDisabled()).toBe(true);
    await page.getByTestId('approval-comment').fill('跨区域低价销售，暂停三个月');
    await expect.poll(() => confirm.isDisabled(), { timeout: 10_000 }).toBe(false);
    await confirm.click();
    await page.getByTestId('badge-pending').waitFor();
    await expect.poll(() => page.getByTestId('field-value-status_requested').textContent(), { timeout: 10_000 }).toBe('暂停');
    await shoot(page, 'suspension-pending');

    const director = await newPage();
    await logIn(director.page, 'channel.director');
    await director.page.goto('/inbox');
    const task = director.page.getByTestId('inbox-row').filter({ hasText: String(dealer.name) });
    await task.waitFor();
    await task.getByTestId('inbox-approve').click();
    await expect.poll(() => task.count(), { timeout: 10_000 }).toBe(0);

    await page.reload();
    await expect.poll(() => page.getByTestId('badge-status').textContent(), { timeout: 10_000 }).toBe('暂停');
    expect(await page.getByTestId('field-value-status_requested').textContent()).not.toBe('暂停');
    await shoot(page, 'suspended');
    expect(unexpected(errors)).toEqual([]);
    expect(unexpected(director.errors)).toEqual([]);
  }, SCENARIO_TIMEOUT);
});
