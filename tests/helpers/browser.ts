/**
 * Browser tests: Debian's Chromium driven by playwright-core (never `playwright install`: the machines have no
 * internet), and a static file server on the loopback for the pages under test.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

/** Without these Chromium keeps calling home, and every call is a refused connection here. */
const OFFLINE_FLAGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync',
];

/**
 * Clicks a modal's OK button (`button`, a test id) until its work starts (the button spins) or the modal (`dialog`,
 * a test id inside it) is gone: on a loaded machine a click that lands while antd's modal still zooms in can be lost.
 */
export async function pressUntilTaken(page: Page, button: string, dialog: string): Promise<void> {
  const gone = async () => (await page.getByTestId(dialog).count()) === 0;
  const taken = async () => (await gone()) || (await page.locator(`[data-testid="${button}"].ant-btn-loading`).count()) > 0;
  for (let attempt = 1; attempt <= 5 && !(await gone()); attempt++) {
    await page.getByTestId(button).click({ timeout: 5_000 }).catch(async (error: unknown) => {
      if (!(await gone())) throw error;
    });
    for (let waited = 0; waited < 3_000 && !(await taken()); waited += 100) await page.waitForTimeout(100);
    if (await taken()) return;
  }
}

export async function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium package (.ci/run does)`);
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: OFFLINE_FLAGS });
}

/**
 * Collects, as they happen, the errors that the page's console shows: console.error, the browser's own entries
 * (a failed load, say) and uncaught exceptions.
 */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
  return errors;
}

/**
 * The value of a JavaScript `expression` computed in a task of the page's own. Code that a test evaluates directly
 * runs with eval allowed, whatever the page's Content Security Policy says; from a task the policy holds.
 */
export function evaluateAsPage<T>(page: Page, expression: string): Promise<T> {
  return page.evaluate<T>(
    `new Promise((resolve, reject) => setTimeout(() => { try { resolve(${expression}); } catch (error) { reject(error); } }))`,
  );
}

export interface StaticServer {
  url: string;
  close(): Promise<void>;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
};

/** Serves the files of `root` on 127.0.0.1 at a free port, with the given extra response headers. */
export async function serveDirectory(root: string, headers: Record<string, string> = {}): Promise<StaticServer> {
  const server = http.createServer((request, response) => {
    const file = path.join(root, decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname));
    if (!file.startsWith(root + path.sep) || !fs.statSync(file, { throwIfNoEntry: false })?.isFile()) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream', ...headers });
    fs.createReadStream(file).pipe(response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
