/**
 * Issue 9, the dealer portal in Chromium: portal.a opens its authorizations from the portal home (hospitals by name),
 * downloads a grant's letter, copies its verification link (which verifies as 有效) and shows its QR code, then applies
 * for a new authorization, which goes to the channel director's approval. Staff issue letters for a list selection
 * as background work, followed in the header.
 */
import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { pressUntilTaken } from '../helpers/browser.ts';
import { SCENARIO_TIMEOUT, unexpected, webAppSuite } from '../helpers/web-app-suite.ts';

type Row = Record<string, unknown> & { id: string; name?: string };

const suite = webAppSuite('portal-letters', {
  setUp: async () => {
    const dealer = (await suite.demo.app.db.knex('qd_users').where({ username: 'portal.a' }).first('account_id')).account_id as string;
    department = (await adminApi('GET', '/api/records/department?limit=1')).body.data[0];
    hospital = (await adminApi('GET', `/api/records/hospital/${department.hospital}`)).body;
    product = (await adminApi('GET', '/api/records/product?limit=1&sort=name')).body.data[0];
    const created = await adminApi('POST', '/api/records/dealer_authorization', {
      dealer, product: product.id, hospital: hospital.id, department: department.id, kind: 'tender', tender_number: 'ZB-2026-PL01',
      valid_from: '2026-01-01', valid_to: '2036-12-31', status: 'approved',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    grant = created.body;
    const letter = await adminApi('POST', '/api/letters', {
      object: 'dealer_authorization', recordId: grant.id, template: 'dealer_authorization_letter', validFromField: 'valid_from', validToField: 'valid_to',
    });
    expect(letter.status, JSON.stringify(letter.body)).toBe(201);
  },
});
const { newPage, shoot, logIn } = suite;
let grant: Row;
let hospital: Row;
let department: Row;
let product: Row;

async function adminApi(method: string, url: string, body?: unknown) {
  const response = await suite.demo.app.server.inject({ method: method as 'GET', url, payload: body as object, headers: { 'accept-language': 'zh-CN' } });
  return { status: response.statusCode, body: response.json() };
}

async function inboxOf(username: string): Promise<{ recordId: string }[]> {
  const { app, password } = suite.demo;
  const login = await app.server.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  const cookie = String(login.headers['set-cookie']).split(';')[0];
  return (await app.server.inject({ method: 'GET', url: '/api/approvals/inbox?limit=100', headers: { cookie } })).json().data;
}

async function chooseLookup(page: Page, field: string, typed: string, option: string): Promise<void> {
  await page.getByTestId(`lookup-${field}`).click();
  await page.keyboard.type(typed);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: option }).first().click();
}

async function fillDate(page: Page, field: string, date: string): Promise<void> {
  await page.locator(`#root_${field}`).click();
  await page.locator(`#root_${field}`).fill(date);
  await page.keyboard.press('Enter');
}

describe('a dealer in the portal', () => {
  it('opens its authorizations, downloads the letter, copies and shows its verification link, and applies for a new one', async () => {
    const { page, errors } = await newPage();
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await logIn(page, 'portal.a');

    const home = page.getByTestId('portal-list-dealer_authorization');
    await expect.poll(() => home.textContent(), { timeout: 15_000 }).toContain(hospital.name as string);
    expect(await home.textContent()).not.toContain(hospital.id);
    await shoot(page, 'home');

    await page.goto(`/o/dealer_authorization/${grant.id}`);
    await page.getByTestId('record-tabs').getByRole('tab', { name: '授权书' }).click();
    const letter = page.getByTestId('letter').first();
    await expect.poll(() => letter.getByTestId('letter-status').textContent(), { timeout: 15_000 }).toBe('有效');

    const [download] = await Promise.all([page.waitForEvent('download'), letter.getByTestId('letter-pdf').click()]);
    const pdf = fs.readFileSync((await download.path())!);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');

    await letter.getByTestId('letter-copy-link').click();
    await expect.poll(() => page.locator('.ant-message').textContent(), { timeout: 10_000 }).toContain('验证链接已复制');
    const copied = await page.evaluate<string>('navigator.clipboard.readText()');
    expect(copied).toMatch(/\/verify\/[A-Za-z0-9_-]{24}$/);

    await letter.getByTestId('letter-show-link').click();
    const shown = page.getByTestId('letter-link');
    await expect.poll(() => shown.getByTestId('letter-link-url').textContent(), { timeout: 10_000 }).toBe(copied);
    await expect.poll(() => shown.locator('canvas').count()).toBe(1);
    await shoot(page, 'letter-link');
    await page.keyboard.press('Escape');

    const verify = await page.context().newPage();
    await verify.goto(copied);
    await expect.poll(() => verify.getByRole('status').locator('.big').textContent(), { timeout: 10_000 }).toBe('有效');
    expect(await verify.locator('body').textContent()).toContain(hospital.name as string);
    await verify.close();

    await page.goto('/o/dealer_authorization/new');
    await page.getByTestId('record-form').waitFor();
    await chooseLookup(page, 'product', String(product.name).slice(0, 4), product.name as string);
    await chooseLookup(page, 'hospital', String(hospital.name).slice(0, 4), hospital.name as string);
    await page.locator('#root_kind').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '年度授权' }).click();
    await fillDate(page, 'valid_from', '2027-01-01');
    await fillDate(page, 'valid_to', '2027-12-31');
    await shoot(page, 'apply');
    await page.getByTestId('record-save').click();
    await page.waitForURL(/\/o\/dealer_authorization\/[0-9a-f-]{36}$/, { timeout: 15_000 });
    const applied = page.url().split('/').pop()!;

    await page.getByTestId('approval-submit').click();
    await page.getByTestId('approval-submit-confirm').click();
    await expect.poll(async () => (await adminApi('GET', `/api/records/dealer_authorization/${applied}`)).body.status, { timeout: 15_000 }).toBe('pending');
    const record = (await adminApi('GET', `/api/records/dealer_authorization/${applied}`)).body;
    expect(record).toMatchObject({ dealer: grant.dealer, product: product.id, hospital: hospital.id, valid_from: '2027-01-01', valid_to: '2027-12-31' });
    expect((await inboxOf('channel.director')).map((task) => task.recordId)).toContain(applied);
    expect(unexpected(errors)).toEqual([]);
  }, SCENARIO_TIMEOUT);
});

describe('compliance in the web app', () => {
  it('issues letters for the grants selected in the list, as background work the header follows to the end', async () => {
    const { page, errors } = await newPage();
    await logIn(page, 'compliance');
    await page.goto('/o/dealer_authorization');
    const rows = page.locator('.ant-table-tbody tr.ant-table-row');
    await rows.first().waitFor();
    const picked = await rows.count() >= 3 ? 3 : await rows.count();
    for (let i = 0; i < picked; i++) await rows.nth(i).locator('.ant-checkbox-input').check();
    await page.getByTestId('list-issue-letters').click();
    await pressUntilTaken(page, 'letter-issue-confirm', 'letter-issue-form');
    await expect.poll(() => page.locator('.ant-message').textContent(), { timeout: 10_000 }).toContain(`已开始生成 ${picked} 份授权书`);

    await page.getByTestId('work-indicator').click();
    const work = page.getByTestId('work-item').filter({ hasText: `批量生成授权书（${picked} 份）` });
    await expect.poll(() => work.getAttribute('data-status'), { timeout: 30_000 }).toBe('succeeded');
    expect(await work.textContent()).toContain(`已生成 ${picked} 份，失败 0 份`);
    await shoot(page, 'batch');
    expect(unexpected(errors)).toEqual([]);
  }, SCENARIO_TIMEOUT);
});
