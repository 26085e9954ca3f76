/**
 * Issue 8's acceptance in Chromium, on the product as `npm start` brings it up, with no JSON typed anywhere: an
 * implementer designs 样机申请 (demo unit request) in the studio — five fields including a picklist and a lookup to
 * product, each through its confirmed deploy plan; a validation rule built in the visual builder and tried out; the
 * channel managers' permission set granted the object in the grid; a two-step approval drawn in the workflow
 * designer. A channel manager then works in runtime-ui: trips the rule while typing, fixes it, saves and submits;
 * the director and compliance approve from their inboxes. Rolling the rule back in its history removes it from the
 * form at once. Also: a field's usages before editing it, and the 403 page for a user without the `deploy` right.
 * Screenshots of each screen go to tests/browser/screenshots/studio-*.png.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { ObjectDoc, ValidationRuleDoc, WorkflowDoc } from '../../metadata/src/types.ts';
import { SCENARIO_TIMEOUT, unexpected, webAppSuite } from '../helpers/web-app-suite.ts';
import { choose, confirmPlan as confirm, logIn, switchLanguage } from '../helpers/studio/common.ts';
import { grantRights, openPermissions } from '../helpers/studio/permissions.ts';
import { buildRule, saveCase, saveRule, startRule, tryRule } from '../helpers/studio/rules.ts';
import { activate, addApprovalStep, autoLayout, checked, connect, deleteLink, newWorkflow, openWorkflows, saveWorkflow } from '../helpers/studio/workflows.ts';

const OBJECT = 'demo_unit_request';
const RULE = 'demo_unit_trial_limit';
const RULE_MESSAGE = '试用样机每次最多申请 2 台';
const WORKFLOW = 'demo_unit_approval';

const suite = webAppSuite('studio');
const { newPage, shoot } = suite;

/** Confirms the plan, screenshotting it (SQL open) as `shot` when given. */
const confirmPlan = (page: Page, shot?: string) => confirm(page, shot ? (p) => shoot(p, shot) : undefined);

async function adminGet<T>(url: string): Promise<{ status: number; body: T }> {
  const response = await suite.demo.app.server.inject({ method: 'GET', url });
  return { status: response.statusCode, body: response.json() as T };
}

async function logInAsAdmin(page: Page): Promise<void> {
  await logIn(page, 'admin', suite.demo.app.firstAdminPassword!.password);
  await page.getByTestId('studio-layout').waitFor();
}

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

/** Fills runtime-ui's form of a demo unit request: title, applicant, quantity, purpose (by label) and a product looked up by typing. */
async function fillRequest(page: Page, request: { name: string; quantity: string; purpose: string }): Promise<void> {
  await page.getByTestId('record-form').waitFor();
  await page.locator('#root_name').fill(request.name);
  await page.locator('#root_applicant').fill('钱经理');
  await page.locator('#root_quantity').fill(request.quantity);
  await page.locator('#root_purpose').click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: request.purpose }).click();
  await page.getByTestId('lookup-product').click();
  await page.keyboard.type('肌钙蛋白');
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '肌钙蛋白I测定试剂盒' }).click();
}

describe('issue 8: an implementer designs 样机申请 in the studio; a channel manager and two approvers use it', () => {
  it('designs the object with five fields through confirmed deploy plans and sees them in the app', async () => {
    const { page, errors } = await newPage();
    await logInAsAdmin(page);
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

    await page.getByTestId('tab-history').click();
    // Version 1 is the object with its title field, then one per save: version 6 is the object before the lookup.
    await page.getByTestId('history-diff-6').click();
    await page.getByTestId('history-diff').getByText('fields.product').waitFor();
    await shoot(page, 'history-diff');
    await page.keyboard.press('Escape');
    await page.getByTestId('history-diff').waitFor({ state: 'detached' });
    await shoot(page, 'history');

    await page.goto(`/o/${OBJECT}/new`);
    const form = page.getByTestId('record-form');
    await form.waitFor();
    for (const field of FIELDS) await expect.poll(() => form.textContent()).toContain(field.zh);
    expect(unexpected(errors)).toEqual([]);
  }, SCENARIO_TIMEOUT);

  it('builds the validation rule in the visual builder, tries it and keeps its cases', async () => {
    const { page, errors } = await newPage();
    await logInAsAdmin(page);
    await startRule(page, { object: `(${OBJECT})`, name: RULE });
    await buildRule(page, {
      label: { zh: '试用样机数量上限', en: 'Trial unit limit' },
      message: { zh: RULE_MESSAGE, en: 'At most 2 units per trial request' },
      field: '数量 (quantity)',
      conditions: [
        { field: '用途', operator: '等于', value: '试用' },
        { field: '数量', operator: '大于', value: '2' },
      ],
    });
    expect(await tryRule(page, { purpose: '试用', quantity: '5' })).toEqual({ verdict: '会被拦截', message: RULE_MESSAGE });
    await saveCase(page, 'error');
    expect((await tryRule(page, { purpose: '演示', quantity: '5' })).verdict).toBe('可以通过');
    await saveCase(page, 'pass');
    await shoot(page, 'acceptance-rule');
    await saveRule(page);

    const rule = await adminGet<ValidationRuleDoc>(`/api/meta/validationRule/${RULE}`);
    expect(rule.body).toMatchObject({
      object: OBJECT, field: 'quantity',
      errorWhen: { and: [{ '==': [{ var: 'purpose' }, 'trial'] }, { '>': [{ var: 'quantity' }, 2] }] },
      tests: [{ record: { purpose: 'trial', quantity: 5 }, expect: 'error' }, { record: { purpose: 'demo', quantity: 5 }, expect: 'pass' }],
    });
    expect(unexpected(errors)).toEqual([]);
  }, SCENARIO_TIMEOUT);

  it("grants the channel managers' permission set the object in the grid and draws a two-step approval", async () => {
    const { page, errors } = await newPage();
    await logInAsAdmin(page);
    await openPermissions(page, 'sets');
    await page.getByTestId('set-link-channel_sales').click();
    await grantRights(page, OBJECT, ['create', 'read', 'update']);
    await page.getByTestId('set-save').click();
    await confirmPlan(page);

    await openWorkflows(page);
    await newWorkflow(page, { name: WORKFLOW, zh: '样机申请审批', en: 'Demo unit approval', object: OBJECT });
    await addApprovalStep(page, { label: '总监审批', en: 'Director review', role: 'channel_director' });
    await addApprovalStep(page, { label: '合规审批', en: 'Compliance review', role: 'compliance' });
    // Laid out first, so that every node stands apart on the canvas for its handles to be dragged.
    await autoLayout(page);
    await deleteLink(page, '开始', '结束');
    await connect(page, '开始', '总监审批');
    await connect(page, '总监审批', '合规审批');
    await connect(page, '合规审批', '结束');
    await activate(page);
    await autoLayout(page);
    await checked(page);
    await shoot(page, 'acceptance-workflow');
    await saveWorkflow(page);

    const workflow = await adminGet<WorkflowDoc>(`/api/meta/workflow/${WORKFLOW}`);
    expect(workflow.body.active).toBe(true);
    expect(workflow.body.nodes.filter((n) => n.type === 'approval').map((n) => n.approvers)).toEqual([{ role: 'channel_director' }, { role: 'compliance' }]);
    expect(workflow.body.edges).toHaveLength(3);
    expect(unexpected(errors)).toEqual([]);
  }, SCENARIO_TIMEOUT);

  it('lets a channel manager trip the rule, fix it, save and submit; the director and compliance approve', async () => {
    const { page, errors } = await newPage();
    await logIn(page, 'channel.manager', suite.demo.password, '/');
    await page.getByTestId('app-layout').waitFor();
    await page.goto(`/o/${OBJECT}/new`);
    await fillRequest(page, { name: '华东医院超声样机', quantity: '5', purpose: '试用' });
    const quantityError = page.getByTestId('field-error-quantity');
    await expect.poll(() => quantityError.textContent(), { timeout: 10_000 }).toContain(RULE_MESSAGE);
    await shoot(page, 'acceptance-rule-tripped');
    await page.locator('#root_quantity').fill('2');
    await expect.poll(() => quantityError.count(), { timeout: 10_000 }).toBe(0);
    await page.getByTestId('record-save').click();
    await page.waitForURL(new RegExp(`/o/${OBJECT}/[0-9a-f-]{36}$`));
    const recordUrl = page.url();
    await page.getByTestId('approval-submit').click();
    await page.getByTestId('approval-submit-confirm').click();
    await page.getByTestId('badge-pending').waitFor();

    for (const approver of ['channel.director', 'compliance']) {
      const { page: inbox, errors: inboxErrors } = await newPage();
      await logIn(inbox, approver, suite.demo.password, '/');
      await inbox.getByTestId('app-layout').waitFor();
      await inbox.goto('/inbox');
      const task = inbox.getByTestId('inbox-row').filter({ hasText: '华东医院超声样机' });
      await task.waitFor();
      await task.getByTestId('inbox-approve').click();
      await expect.poll(() => task.count(), { timeout: 10_000 }).toBe(0);
      expect(unexpected(inboxErrors)).toEqual([]);
    }

    await page.goto(recordUrl);
    await expect.poll(() => page.getByTestId('approval-status').textContent(), { timeout: 10_000 }).toBe('已通过');
    await shoot(page, 'acceptance-approved');
    expect(unexpected(errors)).toEqual([]);
  }, SCENARIO_TIMEOUT);

  it('removes the rule from the form at once when it is rolled back in its history', async () => {
    const { page, errors } = await newPage();
    await logInAsAdmin(page);
    await page.goto(`/studio/rules/${RULE}`);
    await page.getByTestId('tab-history').click();
    await page.getByTestId('history-rollback-0').click();
    await confirmPlan(page, 'rule-rollback-plan');
    await page.waitForURL(/\/studio\/rules$/);
    expect(await page.getByTestId(`rule-link-${RULE}`).count()).toBe(0);
    expect((await adminGet(`/api/meta/validationRule/${RULE}`)).status).toBe(404);

    const user = await newPage();
    await logIn(user.page, 'channel.manager', suite.demo.password, '/');
    await user.page.getByTestId('app-layout').waitFor();
    await user.page.goto(`/o/${OBJECT}/new`);
    await fillRequest(user.page, { name: '华西医院内镜样机', quantity: '5', purpose: '试用' });
    await user.page.getByTestId('record-save').click();
    await user.page.waitForURL(new RegExp(`/o/${OBJECT}/[0-9a-f-]{36}$`));
    expect(await user.page.getByTestId('field-error-quantity').count()).toBe(0);
    expect(unexpected(errors)).toEqual([]);
    expect(unexpected(user.errors)).toEqual([]);
  }, SCENARIO_TIMEOUT);
});

describe('the studio', () => {
  it("shows, before a plugin field is edited, the pack's rule, layout and permission sets that name it", async () => {
    const { page, errors } = await newPage();
    await logInAsAdmin(page);
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
