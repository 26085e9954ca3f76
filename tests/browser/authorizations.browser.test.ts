/**
 * Issue 9's authorization acceptance in Chromium, as a new user would try it on the product as `npm start` brings it
 * up: from the demo data, a channel manager creates an authorization that conflicts with a demo exclusive grant and
 * sees the conflict before submitting; the channel director sees it on the record and approves; compliance's approval
 * is refused naming the conflict, and compliance sends it back; the director moves the end before the demo grant
 * starts (the director's step may change the dates) and approves; compliance approves and it is approved.
 *
 * The steps run in order on one grant (`grant` below), each a test of its own; the last issues its letter, reads
 * the PDF's QR code as a phone would, checks the verify page, revokes the grant and checks the page again.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { dateInChina } from '../../metadata/src/operators/dates.ts';
import { pressUntilTaken } from '../helpers/browser.ts';
import { qrOfFirstPage } from '../helpers/pdf-qr.ts';
import { SCENARIO_TIMEOUT, unexpected, webAppSuite } from '../helpers/web-app-suite.ts';

const suite = webAppSuite('authorizations');
const { newPage, shoot } = suite;

type Row = Record<string, unknown> & { id: string };

async function adminGet(url: string): Promise<Row & { data: Row[] }> {
  return (await suite.demo.app.server.inject({ method: 'GET', url })).json();
}
const first = async (object: string, filter: object): Promise<Row> =>
  (await adminGet(`/api/records/${object}?limit=1&sort=created_at&filter=${encodeURIComponent(JSON.stringify(filter))}`)).data[0];

/** A signed-in page of `username`'s (through the login page), and the console errors it collects. */
async function logIn(username: string): Promise<{ page: Page; errors: string[] }> {
  const session = await newPage();
  await suite.logIn(session.page, username);
  return session;
}

const dayBefore = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

/** Types a date into the record form's date picker, as a person would. */
async function typeDate(page: Page, field: string, date: string): Promise<void> {
  const input = page.locator(`#root_${field}`);
  await input.click();
  await input.fill(date);
  await input.press('Enter');
  await expect.poll(() => page.locator('.ant-picker-dropdown:visible').count()).toBe(0);
}

/** Runs the record's "check conflicts" and answers what the answer shows: its message and each item's text. */
async function checkConflicts(page: Page): Promise<{ message: string; items: string[] }> {
  await page.getByTestId('action-check_conflicts').click();
  const answer = page.getByTestId('action-answer');
  await answer.waitFor();
  const shown = { message: (await answer.getByTestId('action-answer-message').textContent()) ?? '', items: await answer.getByTestId('action-answer-item').allTextContents() };
  await page.getByTestId('action-answer-close').click();
  await answer.waitFor({ state: 'hidden' });
  return shown;
}

async function openApprovals(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByRole('tab', { name: /审批/ }).click();
  await page.getByTestId('approval-panel').waitFor();
}

/** The scenario's grant and the demo grant it conflicts with, as the steps find and make them. */
const grant = { url: '', demo: {} as Row, demoDealer: '', director: null as { page: Page; errors: string[] } | null, compliance: null as { page: Page; errors: string[] } | null };

describe('an authorization that conflicts with a demo exclusive grant', () => {
  it('is created by the channel manager, who sees the conflict before submitting it', async () => {
    grant.demo = await first('dealer_authorization', { and: [{ '==': [{ var: 'status' }, 'approved'] }, { '==': [{ var: 'exclusive' }, true] }] });
    const holder = await adminGet(`/api/records/dealer/${grant.demo.dealer}`);
    grant.demoDealer = String(holder.name);
    const other = await first('dealer', { and: [{ '==': [{ var: 'region' }, holder.region] }, { '==': [{ var: 'tier' }, 'platform'] }, { '!=': [{ var: 'id' }, holder.id] }] });

    const { page, errors } = await logIn('channel.manager');
    // As from the other dealer's page: the new grant names the demo grant's product, hospital and department.
    const place = new URLSearchParams({ dealer: other.id, product: String(grant.demo.product), hospital: String(grant.demo.hospital), department: String(grant.demo.department) });
    await page.goto(`/o/dealer_authorization/new?${place}`);
    await page.getByTestId('record-form').waitFor();
    // A new grant starts from the fields' defaults: annual, not exclusive.
    const kind = page.locator('.ant-select', { has: page.locator('#root_kind') });
    await expect.poll(() => kind.textContent()).toContain('年度授权');
    expect(await page.locator('#root_exclusive').isChecked()).toBe(false);
    // The demo grant was approved ahead, for a year from two months on: a grant from today for a year overlaps it.
    await typeDate(page, 'valid_from', dateInChina(new Date()));
    await typeDate(page, 'valid_to', String(grant.demo.valid_to));
    await page.locator('#root_exclusive').check();
    await page.getByTestId('record-save').click();
    await page.waitForURL(/\/o\/dealer_authorization\/[0-9a-f-]{36}$/);
    grant.url = new URL(page.url()).pathname;

    const conflicts = await checkConflicts(page);
    expect(conflicts.message).toBe('与 1 项独家授权冲突');
    expect(conflicts.items).toEqual([expect.stringContaining(grant.demoDealer)]);
    expect(conflicts.items[0]).toContain(`${grant.demo.valid_from} 至 ${grant.demo.valid_to}`);
    expect(conflicts.items[0]).toContain('同一产品，同一医院及科室');

    await page.getByTestId('approval-submit').click();
    await page.getByTestId('approval-submit-confirm').click();
    await page.getByTestId('badge-pending').waitFor();
    await shoot(page, 'submitted');
    expect(unexpected(errors)).toEqual([]);
  }, SCENARIO_TIMEOUT);

  it('shows the channel director the conflict on the record, and the director approves', async () => {
    grant.director = await logIn('channel.director');
    const { page } = grant.director;
    await page.goto(grant.url);
    const conflicts = await checkConflicts(page);
    expect(conflicts.items).toEqual([expect.stringContaining(grant.demoDealer)]);
    await openApprovals(page, grant.url);
    await page.getByTestId('approval-approve').click();
    await expect.poll(() => page.getByTestId('approval-decision').count(), { timeout: 15_000 }).toBe(0);
  }, SCENARIO_TIMEOUT);

  it('refuses compliance\'s approval naming the conflicting grant; compliance sends it back to the director', async () => {
    grant.compliance = await logIn('compliance');
    const { page } = grant.compliance;
    await openApprovals(page, grant.url);
    await page.getByTestId('approval-approve').click();
    const refusal = page.getByTestId('approval-refusal');
    await expect.poll(() => refusal.textContent(), { timeout: 15_000 }).toContain('不能批准');
    expect(await refusal.textContent()).toContain(`${grant.demoDealer}`);
    expect(await refusal.textContent()).toContain(`${grant.demo.valid_from}–${grant.demo.valid_to}`);
    await shoot(page, 'approval-refused');
    expect((await adminGet(grant.url.replace('/o/', '/api/records/'))).status).toBe('pending');

    await page.getByTestId('approval-return').click();
    await expect.poll(() => page.getByTestId('approval-decision').count(), { timeout: 15_000 }).toBe(0);
  }, SCENARIO_TIMEOUT);

  it('lets the director end it the day before the demo grant starts, after which there is no conflict, and approve again', async () => {
    const { page } = grant.director!;
    await page.goto(grant.url);
    await page.getByTestId('record-edit').click();
    await page.getByTestId('record-form').waitFor();
    await typeDate(page, 'valid_to', dayBefore(String(grant.demo.valid_from)));
    await page.getByTestId('record-save').click();
    await expect.poll(() => page.getByTestId('field-value-valid_to').textContent(), { timeout: 15_000 }).toContain(dayBefore(String(grant.demo.valid_from)));

    await page.getByTestId('action-check_conflicts').click();
    await expect.poll(() => page.locator('.ant-message').textContent(), { timeout: 15_000 }).toContain('没有冲突');
    await openApprovals(page, grant.url);
    await page.getByTestId('approval-approve').click();
    await expect.poll(() => page.getByTestId('approval-decision').count(), { timeout: 15_000 }).toBe(0);
  }, SCENARIO_TIMEOUT);

  it('is approved by compliance', async () => {
    const { page, errors } = grant.compliance!;
    await openApprovals(page, grant.url);
    await page.getByTestId('approval-approve').click();
    await expect.poll(() => page.getByTestId('approval-status').textContent(), { timeout: 15_000 }).toContain('已通过');
    await page.goto(grant.url);
    await expect.poll(() => page.getByTestId('field-value-status').textContent(), { timeout: 15_000 }).toContain('已批准');
    await shoot(page, 'approved');
    expect(unexpected(errors)).toEqual([]);
    expect(unexpected(grant.director!.errors)).toEqual([]);
  }, SCENARIO_TIMEOUT);

  it('gets its letter from compliance: the PDF\'s QR code opens the verify page, which says 有效 (valid), and 已撤销 (revoked) once the director revokes it', async () => {
    const { page, errors } = grant.compliance!;
    await page.goto(grant.url);
    await page.getByTestId('record-tabs').getByRole('tab', { name: '授权书' }).click();
    await page.getByTestId('letter-issue').click();
    await pressUntilTaken(page, 'letter-issue-confirm', 'letter-issue-form');
    // The first letter the server writes loads the CJK font (about 20 MB): slow on a loaded machine.
    await page.getByTestId('letter-link').waitFor({ timeout: 90_000 });
    await page.keyboard.press('Escape');
    const letter = page.getByTestId('letter').first();
    await expect.poll(() => letter.getByTestId('letter-status').textContent(), { timeout: 15_000 }).toBe('有效');

    const [download] = await Promise.all([page.waitForEvent('download'), letter.getByTestId('letter-pdf').click()]);
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'authorization-letter-'));
    try {
      const pdf = path.join(folder, 'letter.pdf');
      await download.saveAs(pdf);
      const verifyUrl = qrOfFirstPage(pdf);
      expect(verifyUrl).toMatch(new RegExp(`^${suite.demo.url}/verify/[A-Za-z0-9_-]{24}$`));

      const phone = await newPage({ width: 390, height: 844 });
      await phone.page.goto(verifyUrl!);
      const status = phone.page.getByRole('status').locator('.big');
      await expect.poll(() => status.textContent(), { timeout: 10_000 }).toBe('有效');
      await shoot(phone.page, 'verify-in-force');

      // The director, above the grant's channel manager, withdraws it.
      const director = grant.director!.page;
      await director.goto(grant.url);
      await director.getByTestId('action-revoke').click();
      await director.getByTestId('action-input-revoke').locator('textarea').fill('经销商违反区域政策');
      await director.getByTestId('action-run').click();
      await expect.poll(() => director.getByTestId('field-value-status').textContent(), { timeout: 15_000 }).toContain('已撤销');
      await phone.page.reload();
      await expect.poll(() => status.textContent(), { timeout: 10_000 }).toBe('已撤销');
      expect(await phone.page.locator('body').textContent()).toContain('经销商违反区域政策');
      await shoot(phone.page, 'verify-revoked');
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
    expect(unexpected(errors)).toEqual([]);
  }, SCENARIO_TIMEOUT);
});
