/**
 * Issue 9's acceptance in Chromium, as a new user would try it on the product as `npm start` brings it up: the
 * channel manager finds the demo dealer's lapsed licence in the qualification list, and a new class III
 * authorization for that dealer is refused with a message that names the licence and since when.
 */
import { describe, expect, it } from 'vitest';
import { todayInChina } from '../../engine/src/plugin-api.ts';
import { SCENARIO_TIMEOUT, unexpected, webAppSuite } from '../helpers/web-app-suite.ts';

const suite = webAppSuite('licence-block');
const { newPage, shoot, logIn } = suite;

async function adminGet(url: string): Promise<Record<string, unknown>[]> {
  return (await suite.demo.app.server.inject({ method: 'GET', url })).json().data;
}
const filtered = (object: string, filter: object, sort: string) =>
  adminGet(`/api/records/${object}?limit=1&sort=${sort}&filter=${encodeURIComponent(JSON.stringify(filter))}`);

describe('a channel manager and a dealer whose operation licence expired yesterday', () => {
  it('sees the lapsed licence in its list, and a new class III authorization is refused naming it', async () => {
    const lapsed = { and: [{ '==': [{ var: 'type' }, 'operation_licence'] }, { '<': [{ var: 'valid_to' }, todayInChina()] }] };
    const [licence] = await filtered('qualification', lapsed, '-valid_to');
    const [product] = await filtered('product', { '==': [{ var: 'device_class' }, 'III'] }, 'name');
    const [hospital] = await adminGet('/api/records/hospital?limit=1');

    const { page, errors } = await newPage();
    await logIn(page, 'channel.manager');

    await page.getByTestId('nav-qualification').click();
    await page.getByTestId('list-view-qualification_layout.lapsed_licences').click();
    await expect.poll(() => page.getByText(String(licence.number)).count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await shoot(page, 'lapsed-licences');

    const prefill = new URLSearchParams({
      dealer: String(licence.dealer), product: String(product.id), hospital: String(hospital.id), kind: 'annual', valid_from: '2027-01-01', valid_to: '2027-12-31',
    });
    await page.goto(`/o/dealer_authorization/new?${prefill}`);
    await page.getByTestId('record-save').click();
    const refusal = page.getByTestId('field-error-dealer');
    await expect.poll(() => refusal.textContent(), { timeout: 15_000 }).toContain(`${licence.number} 已于 ${licence.valid_to} 到期`);
    expect(await refusal.textContent()).toContain('不能授权第三类医疗器械');
    expect(page.url()).toMatch(/\/o\/dealer_authorization\/new/);
    await shoot(page, 'class3-refused');
    expect(unexpected(errors)).toEqual([]);
  }, SCENARIO_TIMEOUT);
});
