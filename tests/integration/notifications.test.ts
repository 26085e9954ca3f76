/**
 * Notifications end to end on real PostgreSQL and a real SMTP server (smtp-server on 127.0.0.1, a random port):
 * a template renders per recipient with the record as that recipient may read it — a rep can't see the deal's
 * margin, so the template can't show it to them; a user who can't see the deal gets nothing — and arrives in the
 * inbox (GET /api/notifications, the caller's own only) and by e-mail (zh-CN: users have no locale yet). A notification
 * job that runs again gives no one a second notification or e-mail.
 */
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobHandler, JobQueue } from '../../engine/src/jobs/job-queue.ts';
import { createMailer, type Mailer } from '../../engine/src/notifications/mailer.ts';
import { processNotificationJobs, type NotificationJob } from '../../engine/src/notifications/notification.job.ts';
import { Notifier } from '../../engine/src/notifications/notify.ts';
import { parseBaseUrl } from '../../engine/src/notifications/format.ts';
import { createApiToken } from '../../engine/src/security/api-tokens.ts';
import { ACCESS_DOCUMENTS, deployAccessFixture, seedOrganisation, type Organisation } from '../helpers/access-fixture.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

const dealWon = {
  kind: 'template', name: 'deal_won', label: { 'zh-CN': '赢单', en: 'Deal won' }, object: 'deal',
  subject: { 'zh-CN': '赢单：{{name}}', en: 'Won: {{name}}' },
  body: {
    'zh-CN': '{{name}}：经销商 {{account.name}}（{{account.region}}）金额 {{money amount}} 毛利[{{margin}}]{{#if margin}} 有毛利{{/if}}\n{{link}}',
    en: 'Dealer {{account.name}} amount {{money amount}} margin [{{margin}}]\n{{link}}',
  },
};
const inAppOnly = { ...dealWon, name: 'deal_note', channels: ['inApp'] };
const lineNote = {
  kind: 'template', name: 'line_note', label: { 'zh-CN': '明细', en: 'Line' }, object: 'deal_line', channels: ['inApp'],
  subject: { 'zh-CN': '{{name}}', en: '{{name}}' },
  body: { 'zh-CN': '{{deal.name}}|{{deal.margin}}|{{deal.account.name}}', en: '{{deal.name}}' },
};

let app: TestApp;
let users: Organisation['users'];
let dealId: string;
let smtp: SMTPServer;
let mailer: Mailer;
let notifier: Notifier;
const received: { to: string[]; mail: ParsedMail }[] = [];

beforeAll(async () => {
  app = await startTestApp();
  ({ users } = await seedOrganisation(app));
  await deployAccessFixture(app, [...ACCESS_DOCUMENTS, dealWon, inAppOnly, lineNote]);
  await app.db.knex('qd_users').whereIn('id', [users.admin.id, users.repEast.id]).update({ email: app.db.knex.raw("username || '@example.cn'") });
  const { A } = (await seedAccounts());
  dealId = (await app.records.create('deal', { name: '<协和> 设备', stage: 'won', amount: '1234567.89', margin: '88888.00', account: A, owner_id: users.repEast.id }, users.admin.ctx)).id as string;

  smtp = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'], authOptional: true, logger: false,
    onData(stream, session, callback) {
      simpleParser(stream).then((mail) => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), mail });
        callback();
      }, callback);
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const { port } = smtp.server.address() as AddressInfo;
  mailer = createMailer({ smtpUrl: `smtp://127.0.0.1:${port}`, from: 'Qudao <noreply@example.cn>' });
  notifier = new Notifier({ knex: app.db.knex, registry: app.registry, records: app.records, mailer, baseUrl: parseBaseUrl('https://crm.example.cn/') });
}, 60_000);

afterAll(async () => {
  mailer?.close();
  await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
  await app?.dispose();
});

async function seedAccounts(): Promise<{ A: string }> {
  const [row] = await app.db.knex('data.account').where({ name: 'Dealer A' }).select('id');
  return { A: row.id as string };
}

async function inbox(userId: string, query = ''): Promise<{ data: Record<string, any>[]; nextCursor: string | null }> {
  const { token } = await createApiToken(app.db.knex, userId, 'inbox', null);
  const response = await app.server.inject({ url: `/api/notifications${query}`, headers: { authorization: `Bearer ${token}` } });
  expect(response.statusCode).toBe(200);
  return response.json();
}

describe('notify', () => {
  it('renders per recipient as that recipient may read the record, and skips those who cannot', async () => {
    const result = await notifier.notify([users.admin.id, users.repEast.id, users.repWest.id, users.portalB.id, '00000000-0000-4000-8000-000000000000'], 'deal_won', { id: dealId });
    expect(result.inApp).toBe(2);
    expect(result.emailed).toBe(2);
    expect(result.emailFailures).toEqual([]);
    expect(result.skipped).toEqual(expect.arrayContaining([
      { userId: users.repWest.id, reason: 'cannot_read' },
      { userId: users.portalB.id, reason: 'cannot_read' },
      { userId: '00000000-0000-4000-8000-000000000000', reason: 'no_user' },
    ]));

    const [adminNote] = (await inbox(users.admin.id)).data;
    expect(adminNote.subject).toBe('赢单：<协和> 设备');
    expect(adminNote.body).toBe(`<协和> 设备：经销商 Dealer A（east）金额 ¥1,234,567.89 毛利[88888.00] 有毛利\nhttps://crm.example.cn/o/deal/${dealId}`);

    const [repNote] = (await inbox(users.repEast.id)).data;
    expect(repNote.body).toContain('毛利[]');
    expect(repNote.body).not.toContain('88888');
    expect(repNote.body).not.toContain('有毛利');

    expect((await inbox(users.repWest.id)).data).toEqual([]);
  });

  it('delivers e-mail over SMTP in zh-CN, HTML-escaped, without fields the recipient cannot read', async () => {
    const toRep = received.find((r) => r.to.includes('rep_east@example.cn'))!.mail;
    const toAdmin = received.find((r) => r.to.includes('root@example.cn'))!.mail;
    expect(toRep.subject).toBe('赢单：<协和> 设备');
    expect(toRep.text).toContain('金额 ¥1,234,567.89 毛利[]');
    expect(`${toRep.text}${toRep.html}`).not.toContain('88888');
    expect(toAdmin.text).toContain('毛利[88888.00]');
    expect(toAdmin.html).toContain('&lt;协和&gt;');
    expect(toAdmin.html).not.toContain('<协和>');
  });

  it('respects the channels of the template', async () => {
    const before = received.length;
    const result = await notifier.notify([users.admin.id], 'deal_note', { id: dealId });
    expect(result).toMatchObject({ inApp: 1, emailed: 0 });
    expect(received.length).toBe(before);
  });

  it('follows lookups two deep, still as the recipient reads them', async () => {
    const line = (await app.records.create('deal_line', { name: 'L1', deal: dealId, quantity: 2 }, users.admin.ctx)).id as string;
    await notifier.notify([users.admin.id, users.repEast.id], 'line_note', { id: line });
    expect((await inbox(users.admin.id)).data[0].body).toBe('<协和> 设备|88888.00|Dealer A');
    expect((await inbox(users.repEast.id)).data[0].body).toBe('<协和> 设备||Dealer A');
  });

  it('refuses an unknown template', async () => {
    await expect(notifier.notify([users.admin.id], 'ghost', { id: dealId })).rejects.toMatchObject({ code: 'DOCUMENT_NOT_FOUND' });
  });
});

describe('inbox API', () => {
  it('lists unread first page with a cursor, marks read for the owner only', async () => {
    const all = await inbox(users.admin.id, '?limit=1');
    expect(all.data).toHaveLength(1);
    expect(all.nextCursor).toBeTypeOf('string');
    const next = await inbox(users.admin.id, `?limit=1&cursor=${all.nextCursor}`);
    expect(next.data).toHaveLength(1);
    expect(next.data[0].id).not.toBe(all.data[0].id);

    const id = all.data[0].id as string;
    const { token: repToken } = await createApiToken(app.db.knex, users.repEast.id, 'other', null);
    const stolen = await app.server.inject({ method: 'POST', url: `/api/notifications/${id}/read`, headers: { authorization: `Bearer ${repToken}` } });
    expect(stolen.statusCode).toBe(404);

    const { token } = await createApiToken(app.db.knex, users.admin.id, 'mine', null);
    const read = await app.server.inject({ method: 'POST', url: `/api/notifications/${id}/read`, headers: { authorization: `Bearer ${token}` } });
    expect(read.statusCode).toBe(200);
    expect(read.json().readAt).toBeTypeOf('string');
    const unread = await inbox(users.admin.id, '?unread=true');
    expect(unread.data.map((n) => n.id)).not.toContain(id);
    expect(unread.data).toHaveLength(2); // deal_won, deal_note, line_note: one read

    const bad = await app.server.inject({ url: '/api/notifications?cursor=nope', headers: { authorization: `Bearer ${token}` } });
    expect(bad.statusCode).toBe(400);
    const anonymous = await app.server.inject({ url: '/api/notifications', headers: { authorization: 'Bearer wrong' } });
    expect(anonymous.statusCode).toBe(401);
  });
});

describe('notification jobs', () => {
  const job = (key: string): NotificationJob => ({ userIds: [users.admin.id, users.repEast.id], template: 'deal_won', record: { object: 'deal', id: dealId }, key });
  const rowsOf = async (key: string) => app.db.knex('qd_notifications').where({ dedupe_key: key }).pluck('user_id');

  it('run twice, give each recipient one in-app notification and one e-mail', async () => {
    const before = received.length;
    const { userIds, template, record, key } = job('twice');
    expect(await notifier.notify(userIds, template, record, { key })).toMatchObject({ inApp: 2, emailed: 2 });
    expect(await notifier.notify(userIds, template, record, { key })).toMatchObject({ inApp: 0, emailed: 0 });
    expect((await rowsOf('twice')).sort()).toEqual([users.admin.id, users.repEast.id].sort());
    expect(received.slice(before).map((r) => r.to).sort()).toEqual([['rep_east@example.cn'], ['root@example.cn']]);
  });

  it('fail when an e-mail fails, and the retry sends only the e-mail still owed', async () => {
    let mailboxFull = true;
    const flaky: Mailer = {
      enabled: true,
      close: () => {},
      send: async (message) => {
        if (mailboxFull && message.to === 'rep_east@example.cn') throw new Error('mailbox full');
        await mailer.send(message);
      },
    };
    let handler: JobHandler<NotificationJob> | undefined;
    const jobs = { process: (_name: string, h: JobHandler<NotificationJob>) => (handler = h) } as unknown as JobQueue;
    processNotificationJobs(jobs, new Notifier({ knex: app.db.knex, registry: app.registry, records: app.records, mailer: flaky }));
    const before = received.length;

    await expect(handler!(job('retried'), { id: 'notify-retried', attempt: 1 })).rejects.toThrow('mailbox full');
    expect(received.slice(before).map((r) => r.to)).toEqual([['root@example.cn']]);
    mailboxFull = false;
    await handler!(job('retried'), { id: 'notify-retried', attempt: 2 });
    expect(received.slice(before).map((r) => r.to)).toEqual([['root@example.cn'], ['rep_east@example.cn']]);
    expect(await rowsOf('retried')).toHaveLength(2);
  });
});
