/**
 * Issue 9, licence expiry reminders in Chromium on the product as `npm start` brings it up: after the morning's
 * reminder tick, the dealer's portal user portal.a finds the reminder among its notifications, in Chinese, naming the
 * licence, and opens the licence from it.
 */
import { describe, expect, it } from 'vitest';
import { until } from '../helpers/settle.ts';
import { SCENARIO_TIMEOUT, unexpected, webAppSuite } from '../helpers/web-app-suite.ts';

const NUMBER = '京朝食药监械经营备20261207号';
/** Now, and the day 7 days after today on China's calendar. */
const tick = new Date();
const inSevenDays = new Date(tick.getTime() + 8 * 3_600_000 + 7 * 86_400_000).toISOString().slice(0, 10);

const suite = webAppSuite('qualification-reminders', {
  setUp: async ({ app }) => {
    const dealer = (await app.db.knex('qd_users').where({ username: 'portal.a' }).first('account_id')).account_id as string;
    const created = await app.server.inject({
      method: 'POST', url: '/api/records/qualification',
      payload: { dealer, type: 'class2_filing', number: NUMBER, scope_classes: ['II'], valid_from: '2021-12-14', valid_to: inSevenDays },
    });
    expect(created.statusCode, created.body).toBe(201);
    await app.automations.onSchedule('qualification_expiry_reminder', tick, { id: 'browser-tick', attempt: 1, maxAttempts: 5, scheduledFor: tick });
    // The notification is sent by a job, queued behind the demo data's own events.
    const portalUser = (await app.db.knex('qd_users').where({ username: 'portal.a' }).first('id')).id as string;
    await until(() => app.db.knex('qd_notifications').where({ user_id: portalUser, record_id: created.json().id }), (rows) => rows.length > 0, 120_000);
  },
});
const { newPage, shoot } = suite;

describe("a dealer's portal user", () => {
  it('reads the reminder of its licence expiring in 7 days and opens the licence from it', async () => {
    const { page, errors } = await newPage();
    await suite.logIn(page, 'portal.a');

    await page.getByTestId('nav-notifications').click();
    const reminder = page.getByTestId('notification').filter({ hasText: NUMBER });
    await expect.poll(() => reminder.count(), { timeout: 15_000 }).toBe(1);
    expect(await reminder.textContent()).toContain(`的第二类医疗器械经营备案凭证 ${NUMBER} 于 ${inSevenDays} 到期`);
    await shoot(page, 'portal-notification');

    await reminder.getByText('查看记录').click();
    await expect.poll(() => page.getByTestId('record-title').textContent(), { timeout: 15_000 }).toContain(NUMBER);
    expect(page.url()).toMatch(/\/o\/qualification\/[0-9a-f-]{36}$/);
    await shoot(page, 'portal-licence');
    expect(unexpected(errors)).toEqual([]);
  }, SCENARIO_TIMEOUT);
});
