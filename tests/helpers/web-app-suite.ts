/**
 * The frame of a browser suite over the web apps: the product started as `npm start` brings it up (demo-app.ts) and
 * Chromium, once per file; pages in fresh contexts with their console errors collected; screenshots for review.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { collectPageErrors, launchChromium } from './browser.ts';
import { startDemoApp, type DemoApp } from './demo-app.ts';
import { logIn } from './studio/common.ts';

export const SCREENSHOTS = path.resolve(import.meta.dirname, '../browser/screenshots');
export const DESKTOP = { width: 1366, height: 900 };
export const PHONE = { width: 390, height: 844 };
/** A scenario clicks through many pages, each waiting on the API: on a loaded 2-core machine that outlasts the default. */
export const SCENARIO_TIMEOUT = 180_000;

/** Chromium logs every 4xx a fetch gets (the 401 before a login, the 403s, 404s and 422s a test provokes): not errors here. */
export const unexpected = (errors: string[]) => errors.filter((error) => !/status of 4\d\d/.test(error));

export interface WebAppSuite {
  readonly demo: DemoApp;
  newPage(viewport?: { width: number; height: number }, locale?: string): Promise<{ page: Page; errors: string[] }>;
  /** A full-page screenshot as screenshots/<prefix>-<name>.png, once the page is quiet and antd's animations are over. */
  shoot(page: Page, name: string): Promise<void>;
  /** Logs a demo user in through the login page, as a person would, and waits for the app. */
  logIn(page: Page, username: string): Promise<void>;
}

export function webAppSuite(prefix: string, options: { relayOutbox?: boolean; setUp?: (demo: DemoApp) => Promise<void> } = {}): WebAppSuite {
  let demo: DemoApp | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    demo = await startDemoApp({ relayOutbox: options.relayOutbox });
    await options.setUp?.(demo);
    browser = await launchChromium();
  }, 300_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await demo?.app.dispose();
  });

  return {
    get demo() {
      if (!demo) throw new Error('the demo app is not started yet');
      return demo;
    },
    async newPage(viewport = DESKTOP, locale = 'zh-CN') {
      const context = await browser!.newContext({ baseURL: demo!.url, viewport, locale });
      contexts.push(context);
      const page = await context.newPage();
      return { page, errors: collectPageErrors(page) };
    },
    async shoot(page, name) {
      fs.mkdirSync(SCREENSHOTS, { recursive: true });
      await page.waitForLoadState('networkidle');
      await page.waitForTimeout(400);
      await page.screenshot({ path: path.join(SCREENSHOTS, `${prefix}-${name}.png`), fullPage: true });
    },
    async logIn(page, username) {
      await logIn(page, username, demo!.password, '/');
      await page.getByTestId('app-layout').waitFor();
    },
  };
}
