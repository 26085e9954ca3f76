/**
 * Formula fields in the studio, in Chromium on the demo product: an admin adds a yes/no formula to the pack's dealer
 * object, "level-2 and temporary", built by clicking the visual condition builder (a formula returning a number
 * offers the JSON tab alone), and deploys it through the plan; the API then computes it on each dealer written.
 * Screenshot: tests/browser/screenshots/studio-formula-builder.png.
 */
import { describe, expect, it } from 'vitest';
import { SCENARIO_TIMEOUT, unexpected, webAppSuite } from '../helpers/web-app-suite.ts';
import { choose, confirmPlan, logIn } from '../helpers/studio/common.ts';
import { addRule, logicJson } from '../helpers/studio/logic.ts';

const FIELD = 'level2_temporary';
const EXPRESSION = 'field-expression';
const LEVEL2_TEMPORARY = { and: [{ '==': [{ var: 'tier' }, 'level_2'] }, { '==': [{ var: 'status' }, 'temporary'] }] };

const suite = webAppSuite('studio', { relayOutbox: false });
const { newPage, shoot } = suite;

async function adminApi(method: 'GET' | 'PATCH', url: string, body?: object) {
  const response = await suite.demo.app.server.inject({ method, url, payload: body });
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as Record<string, unknown>;
}

/** Writes a dealer's status and answers the dealer as the API then reads it. */
async function setStatus(id: string, status: string) {
  const current = await adminApi('GET', `/api/records/dealer/${id}`);
  await adminApi('PATCH', `/api/records/dealer/${id}`, { status, version: current.version });
  return adminApi('GET', `/api/records/dealer/${id}`);
}

describe('formula fields in the studio', () => {
  it('builds a yes/no formula by clicking and the engine computes it on each write', async () => {
    const { page, errors } = await newPage();
    await logIn(page, 'admin', suite.demo.app.firstAdminPassword!.password, '/studio/objects/dealer');
    await page.getByTestId('add-field').click();
    await page.getByTestId('field-name').fill(FIELD);
    await choose(page, 'field-type', '(formula)');
    await page.getByTestId('field-label-zh').fill('二级且临时授权');
    await page.getByTestId('field-label-en').fill('Level-2 and temporary');

    await choose(page, 'field-returns', '数字');
    await page.getByTestId(`${EXPRESSION}-json`).waitFor();
    expect(await page.getByTestId(`${EXPRESSION}-tab-visual`).count()).toBe(0);

    await choose(page, 'field-returns', '是/否');
    await addRule(page, EXPRESSION, { field: '层级', operator: '等于', value: '二级经销商' });
    await addRule(page, EXPRESSION, { field: '状态', operator: '等于', value: '临时授权' });
    // The group's NOT switch is labelled 非 when off as well as on (antd's own reads "=" when off).
    const not = page.getByTestId(EXPRESSION).locator('.ruleGroup-notToggle').first();
    expect(await not.getAttribute('aria-checked')).toBe('false');
    expect(await not.locator('.ant-switch-inner-unchecked').textContent()).toBe('非');
    await page.getByTestId(EXPRESSION).scrollIntoViewIfNeeded();
    await shoot(page, 'formula-builder');
    expect(JSON.parse(await logicJson(page, EXPRESSION))).toEqual(LEVEL2_TEMPORARY);

    await page.getByTestId('field-save').click();
    await confirmPlan(page);
    await page.getByTestId(`field-row-${FIELD}`).waitFor();

    const object = await adminApi('GET', '/api/meta/object/dealer') as { fields: { name: string }[] };
    expect(object.fields.find((f) => f.name === FIELD)).toMatchObject({ type: 'formula', returns: 'boolean', expression: LEVEL2_TEMPORARY });
    const filter = encodeURIComponent(JSON.stringify({ and: [{ '==': [{ var: 'tier' }, 'level_2'] }, { '==': [{ var: 'status' }, 'active'] }] }));
    const dealer = ((await adminApi('GET', `/api/records/dealer?limit=1&filter=${filter}`)).data as { id: string }[])[0]!;
    expect((await setStatus(dealer.id, 'temporary'))[FIELD]).toBe(true);
    expect((await setStatus(dealer.id, 'active'))[FIELD]).toBe(false);
    expect(unexpected(errors)).toEqual([]);
  }, SCENARIO_TIMEOUT);
});
