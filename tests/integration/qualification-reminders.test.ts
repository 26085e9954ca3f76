/**
 * The medical-device pack's daily schedules on real PostgreSQL and Redis, as their metadata ships them: licences whose
 * last valid day is exactly 60, 30 or 7 days away are reminded to the dealer's channel manager and the dealer's own
 * portal users (nobody else's), the day after expiry brings an "expired" notice, a second delivery of a tick sends
 * nothing twice, and approved authorizations past their dates become expired. Ticks are given their time, as the
 * queue gives it, so "today" is the tick's day in China whatever the clock says.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installBundledPlugins } from '../../engine/src/bundled-plugins.ts';
import { loadConfig } from '../../engine/src/config.ts';
import { creditCodeCheckCharacter } from '../../plugins/medical_dms/lib/uscc.ts';
import { settled as settledApp } from '../helpers/settle.ts';
import { createUser, startTestApp, type TestApp } from '../helpers/test-app.ts';

let app: TestApp;
type Row = Record<string, unknown> & { id: string };

/** 08:00 on 2026-12-07 in China, when the reminders' cron fires. */
const REMINDER_TICK = new Date('2026-12-07T00:00:00.000Z');
const tickJob = (at: Date, attempt = 1) => ({ id: `repeat:automation-x:${at.getTime()}`, attempt, maxAttempts: 5, scheduledFor: at });

const users: Record<string, { id: string; token: string }> = {};
let dealerA: Row; let dealerB: Row;

async function call(method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown, token?: string) {
  const headers: Record<string, string> = { 'accept-language': 'en', ...(token ? { authorization: `Bearer ${token}` } : {}) };
  const res = await app.server.inject({ method, url, payload: payload as object, headers });
  return { status: res.statusCode, body: res.body ? res.json() : undefined };
}

async function create(object: string, values: Record<string, unknown>, token?: string): Promise<Row> {
  const res = await call('POST', `/api/records/${object}`, values, token);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

const creditCode = (n: number) => {
  const first17 = `91110000${String(n).padStart(9, '0')}`;
  return first17 + creditCodeCheckCharacter(first17);
};

const settled = () => settledApp(app);

/** The user's notifications as the API gives them to that user, newest first. */
async function notificationsOf(username: string): Promise<{ template: string; recordId: string; subject: string; body: string; object: string }[]> {
  const res = await call('GET', '/api/notifications?limit=100', undefined, users[username].token);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.data;
}

const licence = (dealer: Row, number: string, validTo: string) =>
  create('qualification', { dealer: dealer.id, type: 'business_licence', number, valid_from: '2020-01-01', valid_to: validTo, issuer: '北京市市场监督管理局' });

beforeAll(async () => {
  app = await startTestApp({ relayOutbox: true, redisUrl: 'redis://127.0.0.1:6379' });
  await installBundledPlugins(app, { ...loadConfig({}), bundledPlugins: ['medical_dms'], demoData: false }, () => undefined);
  users['cm.qian'] = await createUser(app, { username: 'cm.qian', role: 'channel_manager' });
  users['cm.sun'] = await createUser(app, { username: 'cm.sun', role: 'channel_manager' });
  dealerA = await create('dealer', { name: '北京康达医疗器械有限公司', credit_code: creditCode(1), channel_manager: 'cm.qian' }, users['cm.qian'].token);
  dealerB = await create('dealer', { name: '上海瑞华医疗科技有限公司', credit_code: creditCode(2), channel_manager: 'cm.sun' }, users['cm.sun'].token);
  users['a.owner'] = await createUser(app, { username: 'a.owner', kind: 'portal', role: 'dealer_owner', accountId: dealerA.id });
  users['a.clerk'] = await createUser(app, { username: 'a.clerk', kind: 'portal', role: 'dealer_clerk', accountId: dealerA.id });
  users['b.owner'] = await createUser(app, { username: 'b.owner', kind: 'portal', role: 'dealer_owner', accountId: dealerB.id });
}, 120_000);

afterAll(async () => {
  await app?.dispose();
});

describe('licence expiry reminders', () => {
  let due: Row[];
  let notDue: Row[];

  beforeAll(async () => {
    due = [await licence(dealerA, 'A-60', '2027-02-05'), await licence(dealerA, 'A-30', '2027-01-06'), await licence(dealerA, 'A-7', '2026-12-14')];
    notDue = [await licence(dealerA, 'A-59', '2027-02-04'), await licence(dealerA, 'A-8', '2026-12-15'), await licence(dealerB, 'B-none', '2028-01-01')];
    await settled();
    await app.automations.onSchedule('qualification_expiry_reminder', REMINDER_TICK, tickJob(REMINDER_TICK));
    await settled();
  });

  it('are scheduled daily at 08:00 in China by the pack', async () => {
    expect(await app.jobs.schedules()).toContainEqual(expect.objectContaining({ id: 'automation-qualification_expiry_reminder', cron: '0 8 * * *', timezone: 'Asia/Shanghai' }));
  });

  it("reach the dealer's channel manager and each of the dealer's portal users for licences 60, 30 and 7 days from expiry", async () => {
    for (const username of ['cm.qian', 'a.owner', 'a.clerk']) {
      const reminders = (await notificationsOf(username)).filter((n) => n.template === 'qualification_expiry_reminder');
      expect(reminders.map((n) => n.recordId).sort(), username).toEqual(due.map((q) => q.id).sort());
    }
    const [sixty] = (await notificationsOf('a.clerk')).filter((n) => n.recordId === due[0].id);
    expect(sixty.subject).toBe('资质即将到期：北京康达医疗器械有限公司 的营业执照 A-60 于 2027-02-05 到期');
    expect(sixty.body).toContain('发证机关：北京市市场监督管理局');
    expect(sixty.object).toBe('qualification');
  });

  it("reach nobody else: not 59 or 8 days before, not another dealer's manager or portal users", async () => {
    const all = await app.db.knex('qd_notifications').where({ template: 'qualification_expiry_reminder' }).select('record_id', 'user_id');
    expect(all.filter((n) => notDue.some((q) => q.id === n.record_id))).toEqual([]);
    expect(await notificationsOf('cm.sun')).toEqual([]);
    expect(await notificationsOf('b.owner')).toEqual([]);
  });

  it('let a portal user open the licence they were told about, and not another dealer\'s', async () => {
    expect((await call('GET', `/api/records/qualification/${due[0].id}`, undefined, users['a.clerk'].token)).status).toBe(200);
    expect((await call('GET', `/api/records/qualification/${due[0].id}`, undefined, users['b.owner'].token)).status).toBe(404);
  });

  it('send nothing twice when the same tick is delivered again, or another tick comes the same day (a cron moved later)', async () => {
    const before = await app.db.knex('qd_notifications').count({ n: '*' });
    await app.automations.onSchedule('qualification_expiry_reminder', REMINDER_TICK, tickJob(REMINDER_TICK, 2));
    await app.automations.onSchedule('qualification_expiry_reminder', REMINDER_TICK, { ...tickJob(REMINDER_TICK), id: 'another-delivery' });
    const nineInChina = new Date(REMINDER_TICK.getTime() + 3_600_000);
    await app.automations.onSchedule('qualification_expiry_reminder', nineInChina, tickJob(nineInChina));
    await settled();
    expect(await app.db.knex('qd_notifications').count({ n: '*' })).toEqual(before);
    const runs = await app.db.knex('qd_automation_runs').where({ automation: 'qualification_expiry_reminder' });
    expect(runs.map((r) => r.record_id).sort()).toEqual(due.map((q) => q.id).sort());
  });
});

describe('the expired notice', () => {
  it('tells the channel manager and the portal users the day after the last valid day, and only then', async () => {
    const lapsed = await licence(dealerB, 'B-lapsed', '2026-12-06');
    const lastDay = await licence(dealerB, 'B-last-day', '2026-12-07');
    await settled();
    await app.automations.onSchedule('qualification_expired_notice', REMINDER_TICK, tickJob(REMINDER_TICK));
    await settled();
    for (const username of ['cm.sun', 'b.owner']) {
      const notices = (await notificationsOf(username)).filter((n) => n.template === 'qualification_expired');
      expect(notices.map((n) => n.recordId), username).toEqual([lapsed.id]);
      expect(notices[0].subject).toBe('资质已过期：上海瑞华医疗科技有限公司 的营业执照 B-lapsed 已于 2026-12-06 到期');
    }
    const toLastDay = await app.db.knex('qd_notifications').where({ record_id: lastDay.id });
    expect(toLastDay).toEqual([]);
    expect((await notificationsOf('cm.qian')).filter((n) => n.template === 'qualification_expired')).toEqual([]);
  });
});

describe('authorization expiry', () => {
  it('moves approved authorizations past their last valid day to expired, and leaves the rest', async () => {
    const line = await create('product_line', { name: '一次性导管' });
    const grant = (status: string, validTo: string) => create('dealer_authorization', {
      dealer: dealerA.id, product_line: line.id, region: '110000', kind: 'annual', valid_from: '2026-01-01', valid_to: validTo, exclusive: false, status,
    });
    const past = await grant('approved', '2026-12-06');
    const lastDay = await grant('approved', '2026-12-07');
    const pending = await grant('pending', '2026-12-06');
    const tick = new Date('2026-12-06T16:05:00.000Z'); // 00:05 on 2026-12-07 in China
    await app.automations.onSchedule('dealer_authorization_expiry', tick, tickJob(tick));
    const status = async (row: Row) => (await call('GET', `/api/records/dealer_authorization/${row.id}`)).body.status;
    expect([await status(past), await status(lastDay), await status(pending)]).toEqual(['expired', 'approved', 'pending']);
    const history = (await call('GET', `/api/records/dealer_authorization/${past.id}/history`)).body.data;
    expect(history.at(-1).changes.status).toEqual({ old: 'approved', new: 'expired' });
    expect(await app.db.knex('qd_automation_runs').where({ automation: 'dealer_authorization_expiry' }).select('record_id', 'status'))
      .toEqual([{ record_id: past.id, status: 'done' }]);
  });
});
