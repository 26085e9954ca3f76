/**
 * The end-user web app in Chromium, on the product as `npm start` brings it up (the pack, its demo data and logins):
 * a channel manager's dealer from a bad credit code to an approved record with its history; a field and a rule
 * deployed through the API showing in the running app; a portal user held to its own dealer; screenshots of the main
 * pages at desktop and phone width in tests/browser/screenshots/ for review.
 */
import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { creditCodeCheckCharacter } from '../../plugins/medical_dms/lib/uscc.ts';
import { DESKTOP, PHONE, SCENARIO_TIMEOUT, SCREENSHOTS, unexpected, webAppSuite } from '../helpers/web-app-suite.ts';

/** The one-step review the test deploys, as an admin would: compliance approves a dealer, which then moves to evaluating. */
const dealerReview = {
  kind: 'workflow', name: 'dealer_review', object: 'dealer', trigger: { on: 'submit' },
  label: { 'zh-CN': '经销商审核', en: 'Dealer review' },
  nodes: [
    { id: 'start', type: 'start' },
    { id: 'compliance', type: 'approval', label: { 'zh-CN': '合规审核', en: 'Compliance review' }, approvers: { role: 'compliance' }, mode: 'any' },
    { id: 'evaluate', type: 'action', actions: [{ update: { status: 'evaluating' } }] },
    { id: 'end', type: 'end' },
  ],
  edges: [
    { from: 'start', to: 'compliance' },
    { from: 'compliance', to: 'evaluate', on: 'approved' },
    { from: 'evaluate', to: 'end' },
  ],
};

const creditCode = (first17: string) => first17 + creditCodeCheckCharacter(first17);
const wrongCheck = (first17: string) => first17 + (creditCodeCheckCharacter(first17) === '0' ? '1' : '0');

const suite = webAppSuite('runtime-ui', {
  setUp: async () => {
    const deployed = await adminApi('POST', '/api/meta/deploy', { documents: [dealerReview] });
    expect(deployed.status, JSON.stringify(deployed.body)).toBe(200);
  },
});
const { newPage, shoot, logIn } = suite;

async function adminApi(method: string, url: string, body?: unknown) {
  const response = await suite.demo.app.server.inject({ method: method as 'GET', url, payload: body as object, headers: { 'accept-language': 'zh-CN' } });
  return { status: response.statusCode, body: response.json() as Record<string, unknown> };
}

/** Logs in through the API in the page's context (the session cookie), for the steps that are not about logging in. */
async function signIn(page: Page, username: string): Promise<void> {
  const login = await page.request.post('/api/auth/login', { data: { username, password: suite.demo.password } });
  expect(login.status()).toBe(200);
}

describe('a channel manager onboards a dealer', () => {
  it('sees the credit-code error while typing, saves, submits; compliance approves from the inbox; the page shows the history', async () => {
    const { page, errors } = await newPage();
    await logIn(page, 'channel.manager');
    await page.getByTestId('nav-dealer').click();
    await page.getByTestId('list-new').click();
    await page.waitForURL(/\/o\/dealer\/new$/);

    await page.locator('#root_name').fill('杭州测试医疗器械有限公司');
    await page.locator('#root_credit_code').fill(wrongCheck('91330100MA27UT0Q0'));
    const codeError = page.getByTestId('field-error-credit_code');
    await expect.poll(() => codeError.textContent(), { timeout: 10_000 }).toContain('校验位不正确');
    await shoot(page, 'dealer-form-error-desktop');

    await page.locator('#root_credit_code').fill(creditCode('91330100MA27UT0Q0'));
    await expect.poll(() => codeError.count(), { timeout: 10_000 }).toBe(0);
    await page.getByTestId('record-save').click();
    await page.waitForURL(/\/o\/dealer\/[0-9a-f-]{36}$/);
    const dealerUrl = page.url();
    expect(await page.getByTestId('record-title').textContent()).toContain('杭州测试医疗器械有限公司');

    await page.getByTestId('approval-submit').click();
    // A prospect is offered the pack's "start evaluation" too: this review is the one chosen.
    await page.getByTestId('approval-workflow').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '经销商审核' }).click();
    await page.getByTestId('approval-submit-confirm').click();
    await page.getByTestId('badge-pending').waitFor();

    const approver = await newPage();
    await logIn(approver.page, 'compliance');
    await approver.page.goto('/inbox');
    const task = approver.page.getByTestId('inbox-row').filter({ hasText: '杭州测试医疗器械有限公司' });
    await task.waitFor();
    await shoot(approver.page, 'inbox-desktop');
    await task.getByTestId('inbox-approve').click();
    await expect.poll(() => task.count(), { timeout: 10_000 }).toBe(0);

    await page.goto(dealerUrl);
    await expect.poll(() => page.getByTestId('field-value-status').textContent(), { timeout: 10_000 }).toContain('考察中');
    await page.getByRole('tab', { name: /历史/ }).click();
    const history = page.getByTestId('history-entry');
    await expect.poll(() => history.count()).toBeGreaterThanOrEqual(2);
    expect(await page.getByTestId('history').textContent()).toContain('考察中');
    await shoot(page, 'dealer-record-desktop');
    expect(unexpected(errors)).toEqual([]);
    expect(unexpected(approver.errors)).toEqual([]);
  }, SCENARIO_TIMEOUT);
});

describe('a field and a rule deployed through the API', () => {
  it('show in the running app at once, and the rule holds in the browser and on the server', async () => {
    const { page, errors } = await newPage();
    await logIn(page, 'channel.manager');
    await page.goto('/o/dealer/new');
    await page.locator('#root_name').waitFor();
    expect(await page.locator('#root_employees').count()).toBe(0);

    const dealer = (await adminApi('GET', '/api/meta/object/dealer')).body as { fields: unknown[] } & Record<string, unknown>;
    const employees = { name: 'employees', type: 'integer', label: { 'zh-CN': '员工人数', en: 'Employees' } };
    const rule = {
      kind: 'validationRule', name: 'dealer_employees_min', object: 'dealer', field: 'employees',
      errorWhen: { '<': [{ var: 'employees' }, 5] },
      message: { 'zh-CN': '员工人数不少于 5 人', en: 'A dealer has at least 5 employees' },
    };
    const deployed = await adminApi('POST', '/api/meta/deploy', { documents: [{ ...documentOf(dealer), fields: [...dealer.fields, employees] }, rule] });
    expect(deployed.status, JSON.stringify(deployed.body)).toBe(200);

    // The app was built before the deploy; moving to the form again is enough.
    await page.getByTestId('nav-dealer').click();
    await page.getByTestId('list-new').click();
    await page.locator('#root_employees').fill('3');
    await expect.poll(() => page.getByTestId('field-error-employees').textContent(), { timeout: 10_000 }).toContain('员工人数不少于 5 人');

    const refused = await page.request.post('/api/records/dealer', {
      data: { name: '规则测试经销商', credit_code: creditCode('91330100MA27UT0R0'), employees: 3 },
      headers: { 'x-csrf-token': await csrfOf(page), 'accept-language': 'zh-CN' },
    });
    expect(refused.status()).toBe(422);
    expect(JSON.stringify(await refused.json())).toContain('员工人数不少于 5 人');
    expect(unexpected(errors)).toEqual([]);
  }, SCENARIO_TIMEOUT);
});

describe('a dealer-portal user', () => {
  it('sees only its own dealer in every list, and another dealer\'s pasted URL says not found', async () => {
    const portal = await newPage();
    await logIn(portal.page, 'portal.a');
    const own = await portal.page.request.get('/api/records/dealer?count=true');
    const ownDealers = (await own.json()) as { data: { id: string; name: string }[]; total: number };
    expect(ownDealers.total).toBe(1);
    await shoot(portal.page, 'portal-home-desktop');

    const navigation = (await (await portal.page.request.get('/api/ui/app')).json()) as { navigation: { object: string }[] };
    expect(navigation.navigation.length).toBeGreaterThan(0);
    for (const { object } of navigation.navigation) {
      await portal.page.goto(`/o/${object}`);
      await portal.page.getByTestId('list-total').waitFor();
      const seen = Number((await portal.page.getByTestId('list-total').getAttribute('data-total')) ?? NaN);
      const allowed = ((await (await portal.page.request.get(`/api/records/${object}?count=true&limit=1`)).json()) as { total: number }).total;
      expect(seen, object).toBe(allowed);
      if (object === 'dealer') {
        const rows = portal.page.locator('.ant-table-tbody tr.ant-table-row');
        expect(await rows.count()).toBe(1);
        expect(await rows.first().textContent()).toContain(ownDealers.data[0].name);
      }
    }

    const others = (await adminApi('GET', `/api/records/dealer?limit=5&filter=${encodeURIComponent(JSON.stringify({ '!=': [{ var: 'id' }, ownDealers.data[0].id] }))}`)).body as { data: { id: string }[] };
    await portal.page.goto(`/o/dealer/${others.data[0].id}`);
    await expect.poll(() => portal.page.locator('body').textContent(), { timeout: 10_000 }).toContain('未找到');
    // Hospitals are a catalogue portal users read (issue 9); another dealer's authorization is not theirs to see.
    const notOwnGrant = encodeURIComponent(JSON.stringify({ '!=': [{ var: 'dealer' }, ownDealers.data[0].id] }));
    const othersGrant = ((await adminApi('GET', `/api/records/dealer_authorization?limit=1&filter=${notOwnGrant}`)).body as { data: { id: string }[] }).data[0];
    for (const internalOnly of ['/inbox', `/o/dealer_authorization/${othersGrant.id}`]) {
      await portal.page.goto(internalOnly);
      await expect.poll(() => portal.page.locator('body').textContent(), { timeout: 10_000 }).toContain('未找到');
    }
    expect(unexpected(portal.errors)).toEqual([]);
  }, SCENARIO_TIMEOUT);
});

describe('screenshots for review', () => {
  it('of the main pages at desktop and phone width', async () => {
    for (const [width, viewport] of [['desktop', DESKTOP], ['phone', PHONE]] as const) {
      const { page, errors } = await newPage(viewport);
      await page.goto('/');
      await page.getByTestId('login-username').waitFor();
      await shoot(page, `login-${width}`);
      await signIn(page, 'channel.manager');
      await page.goto('/');
      await page.getByTestId('app-layout').waitFor();
      await shoot(page, `home-${width}`);
      await page.goto('/o/dealer');
      await page.locator('.ant-table-tbody tr.ant-table-row').first().waitFor();
      await shoot(page, `dealer-list-${width}`);
      if (width === 'phone') {
        const overflow = await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth');
        expect(overflow, 'the list page scrolls sideways on a phone').toBeLessThanOrEqual(0);
      }
      await page.locator('.ant-table-tbody tr.ant-table-row a').first().click();
      await page.getByTestId('record-page').waitFor();
      await shoot(page, `dealer-record-${width}`);
      await page.goto('/o/dealer/new');
      await page.locator('#root_name').waitFor();
      await shoot(page, `dealer-form-${width}`);
      expect(unexpected(errors)).toEqual([]);
    }
    const files = fs.readdirSync(SCREENSHOTS).filter((f) => f.startsWith('runtime-ui-'));
    expect(files).toEqual(expect.arrayContaining(['runtime-ui-login-phone.png', 'runtime-ui-dealer-list-desktop.png', 'runtime-ui-dealer-form-phone.png']));
  }, SCENARIO_TIMEOUT);
});

/** A stored object document as a deploy takes it back: the document's own keys, without the store's bookkeeping. */
function documentOf(stored: Record<string, unknown>): Record<string, unknown> {
  const { kind, name, label, description, titleField, fields, indexes, access } = stored;
  return Object.fromEntries(Object.entries({ kind, name, label, description, titleField, fields, indexes, access }).filter(([, v]) => v !== undefined));
}

async function csrfOf(page: Page): Promise<string> {
  return ((await (await page.request.get('/api/auth/me')).json()) as { csrfToken: string }).csrfToken;
}
