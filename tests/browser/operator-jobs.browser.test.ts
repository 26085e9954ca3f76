/**
 * The operator page of the job queue (`/admin/jobs`) in Chromium, served by the real app on a real port: an admin logs
 * in through the page, sees the counts per state and a dead job with its error, retries it and sees it leave the list
 * (and, by the page's own refresh, counted as completed). A user without the right `operations` is told so, in the
 * browser's language. The page's strict Content Security Policy must let its own script and style run: a refused
 * one would show as a console error.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectPageErrors, launchChromium } from '../helpers/browser.ts';
import { createUser, startTestApp, TEST_PASSWORD, type TestApp } from '../helpers/test-app.ts';

const SCREENSHOTS = path.resolve(import.meta.dirname, 'screenshots');

let app: TestApp;
let browser: Browser;
let url: string;
let supplierDown = true;

/** Chromium logs every 4xx a fetch gets; the API's 401 before the login and 403 to a user without the right are expected. */
const unexpected = (errors: string[]) => errors.filter((error) => !/status of 40[13]/.test(error));

beforeAll(async () => {
  app = await startTestApp();
  await createUser(app, { username: 'sales.rep' });
  app.jobs.process('supplier.sync', async () => {
    if (supplierDown) throw new Error('supplier API down（供应商接口不可用）');
  });
  await app.jobs.add('supplier.sync', {}, { jobId: 'supplier-sync-1', attempts: 1 });
  await app.server.listen({ port: 0, host: '127.0.0.1' });
  url = `http://127.0.0.1:${(app.server.server.address() as AddressInfo).port}/admin/jobs`;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await app?.dispose();
});

describe('the job queue page', () => {
  it('logs an admin in, shows the counts and the dead job, and retries it', async () => {
    const context = await browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    await page.goto(url);

    await page.getByLabel('User name').fill('admin');
    await page.getByLabel('Password').fill(app.firstAdminPassword!.password);
    await page.getByRole('button', { name: 'Log in' }).click();

    const deadRow = page.locator('tr[data-job-id="supplier-sync-1"]');
    await deadRow.waitFor({ timeout: 15_000 });
    await expect.poll(() => page.locator('li[data-state="failed"] .n').textContent()).toBe('1');
    expect(await page.locator('#backend').textContent()).toBe('Backend: postgres');
    expect(await deadRow.locator('td').nth(1).textContent()).toBe('supplier.sync');
    expect(await deadRow.locator('td.error').textContent()).toContain('supplier API down');
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'operator-jobs.png'), fullPage: true });

    supplierDown = false;
    await deadRow.getByRole('button', { name: 'Retry' }).click();
    await deadRow.waitFor({ state: 'detached', timeout: 15_000 });
    expect(await page.getByRole('status').textContent()).toBe('Job supplier-sync-1 is queued again.');
    await expect.poll(() => page.locator('li[data-state="completed"] .n').textContent(), { timeout: 15_000 }).toBe('1');
    expect(await page.locator('#dead-empty').isVisible()).toBe(true);
    expect(unexpected(errors)).toEqual([]);
    await context.close();
  });

  it('tells a user without the right operations, in Chinese for a Chinese browser', async () => {
    const context = await browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    await page.goto(url);
    expect(await page.title()).toBe('Qudao · 任务队列');

    await page.getByLabel('用户名').fill('sales.rep');
    await page.getByLabel('密码').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();

    await expect.poll(() => page.getByRole('status').textContent()).toBe('你没有查看任务队列的权限：需要管理权限“运维”（operations）。');
    expect(await page.locator('#queue').isVisible()).toBe(false);
    expect(unexpected(errors)).toEqual([]);
    await context.close();
  });
});
