/**
 * Validation rules in the studio, in Chromium on the demo product: an admin finds the pack's dealer rules (one the
 * visual builder cannot show stays intact on the JSON tab), builds a new dealer rule by clicking, tries it on values
 * that block and that pass, keeps both as cases, previews it on the existing dealers, deploys it inactive and then
 * active through the plan; the API then refuses a bad write with the rule's message, and after a roll back from the
 * history the same write passes. Screenshots: tests/browser/screenshots/studio-rule*.png.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { ValidationRuleDoc } from '../../metadata/src/types.ts';
import { SCENARIO_TIMEOUT, unexpected, webAppSuite } from '../helpers/web-app-suite.ts';
import { choose, confirmPlan, logIn } from '../helpers/studio/common.ts';
import { logicJson } from '../helpers/studio/logic.ts';
import { buildRule, CONDITION, previewRule, saveCase, saveRule, startRule, tryRule } from '../helpers/studio/rules.ts';

const RULE = 'dealer_level2_not_temporary';
const CONDITION_LOGIC = { and: [{ '==': [{ var: 'tier' }, 'level_2'] }, { '==': [{ var: 'status' }, 'temporary'] }] };
const MESSAGE = '二级经销商不能是临时授权';

const suite = webAppSuite('studio', { relayOutbox: false });
const { newPage, shoot } = suite;

async function adminApi(method: 'GET' | 'PATCH', url: string, body?: object) {
  const response = await suite.demo.app.server.inject({ method, url, payload: body, headers: { 'accept-language': 'zh-CN' } });
  return { status: response.statusCode, body: response.json() as Record<string, unknown> };
}

const dealersWhere = async (filter: unknown) =>
  (await adminApi('GET', `/api/records/dealer?count=true&limit=1&filter=${encodeURIComponent(JSON.stringify(filter))}`)).body as { data: { id: string; version: number }[]; total: number };

/** An active level-2 dealer set to "temporary": what the rule forbids. Answers the write's status and body. */
async function makeTemporary(id: string) {
  const current = (await adminApi('GET', `/api/records/dealer/${id}`)).body as { version: number };
  return adminApi('PATCH', `/api/records/dealer/${id}`, { status: 'temporary', version: current.version });
}

const setActive = async (page: Page, active: boolean) => {
  const toggle = page.getByTestId('rule-active');
  if ((await toggle.getAttribute('aria-checked')) !== String(active)) await toggle.click();
};

describe('validation rules in the studio', () => {
  it("lists the pack's rules and keeps a condition the builder cannot show on its JSON tab", async () => {
    const { page, errors } = await newPage();
    await logIn(page, 'admin', suite.demo.app.firstAdminPassword!.password);
    await page.getByTestId('nav-rules').click();
    await choose(page, 'rules-object-filter', '(dealer)');
    await page.getByTestId('rule-link-dealer_level2_parent').waitFor();
    await expect.poll(() => page.getByTestId('rules-table').locator('tbody tr').count()).toBe(3);
    expect(await page.getByTestId('rule-link-hospital_city_level').count()).toBe(0);
    await shoot(page, 'rules-list');

    await page.getByTestId('rule-link-dealer_level2_parent').click();
    await page.getByTestId(`${CONDITION}-unshowable`).waitFor();
    expect(JSON.parse(await logicJson(page, CONDITION))).toEqual({ and: [{ '==': [{ var: 'tier' }, 'level_2'] }, { '!': { var: 'parent' } }] });
    await shoot(page, 'rule-json');
    expect(unexpected(errors)).toEqual([]);
  });

  it('builds a rule by clicking, tries it, keeps cases, previews it, deploys it and rolls it back', async () => {
    const { page, errors } = await newPage();
    await logIn(page, 'admin', suite.demo.app.firstAdminPassword!.password);
    await startRule(page, { object: '(dealer)', name: RULE });
    await buildRule(page, {
      label: { zh: '二级经销商不能临时授权', en: 'No temporary level-2 dealers' },
      message: { zh: MESSAGE, en: 'A level-2 dealer cannot be temporary' },
      field: '状态 (status)',
      conditions: [
        { field: '层级', operator: '等于', value: '二级经销商' },
        { field: '状态', operator: '等于', value: '临时授权' },
      ],
    });
    await shoot(page, 'rule-builder');
    expect(JSON.parse(await logicJson(page, CONDITION))).toEqual(CONDITION_LOGIC);
    await page.getByTestId(`${CONDITION}-tab-visual`).click();

    expect(await tryRule(page, { tier: '二级经销商', status: '临时授权' })).toEqual({ verdict: '会被拦截', message: MESSAGE });
    await saveCase(page, 'error');
    expect((await tryRule(page, { status: '合作中' })).verdict).toBe('可以通过');
    await saveCase(page, 'pass');
    await shoot(page, 'rule-try');

    const { total: blocked } = await dealersWhere(CONDITION_LOGIC);
    const { total: all } = await dealersWhere(true);
    expect(blocked).toBeGreaterThan(0);
    expect(await previewRule(page)).toBe(`今天会拦截现有 ${all} 条记录中的 ${blocked} 条`);
    await page.getByTestId('preview-sample').waitFor();

    // Deployed inactive first, then switched on: the history then has a version to roll back to.
    await setActive(page, false);
    await saveRule(page, (p) => shoot(p, 'rule-plan'));
    await page.waitForURL(new RegExp(`/studio/rules/${RULE}$`));
    await setActive(page, true);
    await saveRule(page);
    const deployed = (await adminApi('GET', `/api/meta/validationRule/${RULE}`)).body as unknown as ValidationRuleDoc;
    expect(deployed).toMatchObject({ object: 'dealer', field: 'status', errorWhen: CONDITION_LOGIC, active: true });
    expect(deployed.tests).toEqual([
      { record: { tier: 'level_2', status: 'temporary' }, expect: 'error' },
      { record: { tier: 'level_2', status: 'active' }, expect: 'pass' },
    ]);

    const target = (await dealersWhere({ and: [{ '==': [{ var: 'tier' }, 'level_2'] }, { '==': [{ var: 'status' }, 'active'] }] })).data[0];
    const refused = await makeTemporary(target.id);
    expect(refused.status).toBe(422);
    expect(JSON.stringify(refused.body)).toContain(MESSAGE);

    await page.getByTestId('tab-history').click();
    await page.getByTestId('history-rollback-1').click();
    await confirmPlan(page);
    await expect.poll(async () => ((await adminApi('GET', `/api/meta/validationRule/${RULE}`)).body as { active?: boolean }).active).toBe(false);
    expect((await makeTemporary(target.id)).status).toBe(200);
    expect(unexpected(errors)).toEqual([]);
  }, SCENARIO_TIMEOUT);
});
