/**
 * The studio in Chromium, on the product as `npm start` brings it up: an admin signs in at /studio/, makes an object
 * with a text, a number, a date, a picklist and a lookup field, each saved through the confirmed deploy plan; the
 * API and the end-user form then show them; one change is rolled back from the history. A user without the
 * `deploy` right gets the 403 page. Screenshots of each screen go to tests/browser/screenshots/studio-*.png.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { ObjectDoc } from '../../metadata/src/types.ts';
import { SCENARIO_TIMEOUT, unexpected, webAppSuite } from '../helpers/web-app-suite.ts';
import { choose, confirmPlan as confirm, logIn, switchLanguage } from '../helpers/studio/common.ts';

const OBJECT = 'demo_unit_request';

const suite = webAppSuite('studio', { relayOutbox: false });
const { newPage, shoot } = suite;

/** Confirms the plan, screenshotting it (SQL open) as `shot` when given. */
const confirmPlan = (page: Page, shot?: string) => confirm(page, shot ? (p) => shoot(p, shot) : undefined);

interface NewField {
  name: string;
  type: string;
  zh: string;
  en: string;
  fill?: (page: Page) => Promise<void>;
}

async function addField(page: Page, field: NewField, shot?: string): Promise<void> {
  await page.getByTestId('add-field').click();
  await page.getByTestId('field-name').fill(field.name);
  await choose(page, 'field-type', `(${field.type})`);
  await page.getByTestId('field-label-zh').fill(field.zh);
  await page.getByTestId('field-label-en').fill(field.en);
  await field.fill?.(page);
  if (shot) await shoot(page, shot);
  await page.getByTestId('field-save').click();
  await confirmPlan(page);
  await page.getByTestId(`field-row-${field.name}`).waitFor();
}

const FIELDS: NewField[] = [
  { name: 'applicant', type: 'text', zh: '申请人', en: 'Applicant', fill: (page) => page.getByTestId('field-required').check() },
  { name: 'quantity', type: 'integer', zh: '数量', en: 'Quantity', fill: (page) => page.locator('input[data-testid="field-min"], [data-testid="field-min"] input').fill('1') },
  { name: 'needed_by', type: 'date', zh: '需用日期', en: 'Needed by' },
  {
    name: 'purpose', type: 'picklist', zh: '用途', en: 'Purpose',
    fill: async (page) => {
      for (const [i, [value, zh, en]] of [['demo', '演示', 'Demo'], ['trial', '试用', 'Trial']].entries()) {
        await page.getByTestId('option-add').click();
        await page.getByTestId(`option-${i}-value`).fill(value);
        await page.getByTestId(`option-${i}-zh`).fill(zh);
        await page.getByTestId(`option-${i}-en`).fill(en);
      }
    },
  },
  { name: 'product', type: 'lookup', zh: '样机产品', en: 'Product', fill: (page) => choose(page, 'field-target', '(product)') },
];

async function deployedObject(): Promise<ObjectDoc> {
  const response = await suite.demo.app.server.inject({ method: 'GET', url: `/api/meta/object/${OBJECT}` });
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as ObjectDoc;
}

const visibleFields = (object: ObjectDoc) => object.fields.filter((f) => !f.removed).map((f) => f.name);

describe('the studio', () => {
  it('lets an admin design an object through confirmed deploy plans, shows it in the app, and rolls a change back', async () => {
    const { page, errors } = await newPage();
    await logIn(page, 'admin', suite.demo.app.firstAdminPassword!.password);
    await page.getByTestId('object-link-dealer').waitFor();
    await shoot(page, 'objects');
    await switchLanguage(page, 'en');
    await expect.poll(() => page.getByTestId('objects-page').locator('h3').textContent()).toBe('Objects');
    await shoot(page, 'objects-en');
    await switchLanguage(page, 'zh-CN');

    await page.getByTestId('new-object').click();
    await page.getByTestId('object-name').fill(OBJECT);
    await page.getByTestId('object-label-zh').fill('样机申请');
    await page.getByTestId('object-label-en').fill('Demo unit request');
    await page.getByTestId('new-object-save').click();
    await confirmPlan(page, 'deploy-plan');
    await page.waitForURL(new RegExp(`/studio/objects/${OBJECT}$`));
    expect(await page.getByTestId('object-title').textContent()).toBe('样机申请');

    for (const field of FIELDS.slice(0, 4)) await addField(page, field, field.type === 'picklist' ? 'field-drawer' : undefined);
    await page.getByTestId('edit-field-applicant').click();
    expect(await page.getByTestId('field-label-zh').inputValue()).toBe('申请人');
    await page.locator('input[data-testid="field-max-length"], [data-testid="field-max-length"] input').fill('50');
    await page.getByTestId('field-help-zh').fill('申请样机的销售代表');
    await shoot(page, 'edit-field');
    await page.getByTestId('field-save').click();
    await confirmPlan(page);
    await addField(page, FIELDS[4]);
    await shoot(page, 'object');

    const deployed = await deployedObject();
    expect(visibleFields(deployed)).toEqual(['name', ...FIELDS.map((f) => f.name)]);
    const byName = new Map(deployed.fields.map((f) => [f.name, f]));
    expect(byName.get('applicant')).toMatchObject({
      type: 'text', required: true, maxLength: 50, label: { 'zh-CN': '申请人', en: 'Applicant' }, description: { 'zh-CN': '申请样机的销售代表' },
    });
    expect(byName.get('quantity')).toMatchObject({ type: 'integer', min: 1 });
    expect(byName.get('purpose')!.options!.map((o) => o.value)).toEqual(['demo', 'trial']);
    expect(byName.get('product')).toMatchObject({ type: 'lookup', target: 'product' });

    await page.goto(`/o/${OBJECT}/new`);
    const form = page.getByTestId('record-form');
    await form.waitFor();
    for (const field of FIELDS) await expect.poll(() => form.textContent()).toContain(field.zh);

    await page.goto(`/studio/objects/${OBJECT}`);
    await page.getByTestId('tab-history').click();
    // Version 1 is the object with its title field, then one per save: version 6 is the object before the lookup.
    await page.getByTestId('history-diff-6').click();
    await page.getByTestId('history-diff').getByText('fields.product').waitFor();
    await shoot(page, 'history-diff');
    await page.keyboard.press('Escape');
    await page.getByTestId('history-diff').waitFor({ state: 'detached' });
    await shoot(page, 'history');
    await page.getByTestId('history-rollback-6').click();
    await confirmPlan(page, 'rollback-plan');
    await expect.poll(async () => visibleFields(await deployedObject()), { timeout: 10_000 }).toEqual(['name', ...FIELDS.slice(0, 4).map((f) => f.name)]);
    await page.getByTestId('tab-fields').click();
    await expect.poll(() => page.getByTestId('field-row-product').count()).toBe(0);
    expect(unexpected(errors)).toEqual([]);
  }, SCENARIO_TIMEOUT);

  it("shows, before a plugin field is edited, the pack's rule, layout and permission sets that name it", async () => {
    const { page, errors } = await newPage();
    await logIn(page, 'admin', suite.demo.app.firstAdminPassword!.password);
    await page.getByTestId('object-link-dealer').click();
    await page.getByTestId('edit-field-credit_code').click();
    await page.getByTestId('field-usages').waitFor();
    const uses = await page.getByTestId('field-usage').allTextContents();
    expect(uses.some((u) => u.includes('校验规则') && u.includes('dealer_credit_code_check'))).toBe(true);
    expect(uses.some((u) => u.includes('布局') && u.includes('dealer_layout'))).toBe(true);
    expect(uses.some((u) => u.includes('权限集') && u.includes('portal_dealer'))).toBe(true);
    await shoot(page, 'field-usages');
    expect(unexpected(errors)).toEqual([]);
  });

  it('shows a user without the deploy right the 403 page', async () => {
    const { page, errors } = await newPage();
    await logIn(page, 'channel.manager', suite.demo.password);
    await page.getByTestId('studio-forbidden').waitFor();
    expect(await page.getByTestId('studio-layout').count()).toBe(0);
    await shoot(page, 'forbidden');
    expect(unexpected(errors)).toEqual([]);
  });
});
