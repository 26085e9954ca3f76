/**
 * The web app in a real browser (Debian's Chromium): the JavaScript a first view transfers (encoded bytes on the wire,
 * each load with an empty cache), and how long a 50-row list takes to render once its response has arrived, against a
 * raw baseline in the same page: the same JSON turned into a plain <table> with DOM calls.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { buildStaleWebApps } from '../../scripts/build-web.ts';
import { launchChromium } from '../helpers/browser.ts';
import { startDemoApp, type DemoApp } from '../helpers/demo-app.ts';
import { latency, type Latency } from './approvals.ts';

export interface FirstView {
  name: string;
  path: string;
  /** Encoded (on-the-wire) bytes of every script the view loaded, and their count. */
  scriptBytes: number;
  scripts: number;
  encodings: string[];
}

export interface UiRun {
  views: FirstView[];
  rows: number;
  renders: { engine: Latency; raw: Latency; samples: number };
}

export interface UiOptions {
  samples: number;
  log: (message: string) => void;
}

export const LIST_OBJECT = 'dealer';
const ROW = '.ant-table-tbody tr.ant-table-row';
export const LIST_ROWS = 50;

/** Set before the app's scripts run: the moment the list's rows reach LIST_ROWS, from a MutationObserver. */
const ROW_WATCH = `
  window.__rowsAt = null;
  new MutationObserver((_, observer) => {
    if (document.querySelectorAll(${JSON.stringify(ROW)}).length >= ${LIST_ROWS}) {
      window.__rowsAt = performance.now();
      observer.disconnect();
    }
  }).observe(document, { childList: true, subtree: true });
`;

export async function measureUiLoad(options: UiOptions): Promise<UiRun> {
  await buildStaleWebApps();
  const demo = await startDemoApp({ relayOutbox: false });
  const browser = await launchChromium();
  try {
    const views = [
      await firstView(browser, demo, 'login page', '/', null),
      await firstView(browser, demo, 'dealer list, signed in', `/o/${LIST_OBJECT}`, 'admin'),
    ];
    views.forEach((v) => options.log(`first view ${v.name}: ${(v.scriptBytes / 1024).toFixed(1)} kB of script in ${v.scripts} files (${v.encodings.join(', ')})`));
    const renders = await listRenders(browser, demo, options.samples);
    options.log(`50-row list render after its response: engine p50 ${renders.engine.p50.toFixed(1)} ms, raw p50 ${renders.raw.p50.toFixed(1)} ms`);
    return { views, rows: LIST_ROWS, renders: { ...renders, samples: options.samples } };
  } finally {
    await browser.close();
    await demo.app.dispose();
  }
}

async function signedInContext(browser: Browser, demo: DemoApp, user: string | null): Promise<BrowserContext> {
  // gzip, as the target is stated: Chromium would take the smaller Brotli files the engine also serves.
  const context = await browser.newContext({ baseURL: demo.url, viewport: { width: 1366, height: 900 }, extraHTTPHeaders: { 'accept-encoding': 'gzip' } });
  if (user) {
    const password = user === 'admin' ? demo.app.firstAdminPassword!.password : demo.password;
    const login = await context.request.post('/api/auth/login', { data: { username: user, password } });
    if (!login.ok()) throw new Error(`bench: login of ${user} answered ${login.status()}`);
  }
  return context;
}

async function firstView(browser: Browser, demo: DemoApp, name: string, path: string, user: string | null): Promise<FirstView> {
  const context = await signedInContext(browser, demo, user);
  const page = await context.newPage();
  const scripts: Promise<{ bytes: number; encoding: string }>[] = [];
  page.on('response', (response) => {
    if (response.request().resourceType() !== 'script') return;
    scripts.push(response.request().sizes().then(async (sizes) => ({
      bytes: sizes.responseBodySize,
      encoding: (await response.headerValue('content-encoding')) ?? 'identity',
    })));
  });
  await page.goto(path, { waitUntil: 'networkidle' });
  await (user ? page.waitForSelector(ROW) : page.waitForSelector('input[type="password"]'));
  const loaded = await Promise.all(scripts);
  await context.close();
  return {
    name,
    path,
    scriptBytes: loaded.reduce((sum, s) => sum + s.bytes, 0),
    scripts: loaded.length,
    encodings: [...new Set(loaded.map((s) => s.encoding))],
  };
}

async function listRenders(browser: Browser, demo: DemoApp, samples: number): Promise<{ engine: Latency; raw: Latency }> {
  const context = await signedInContext(browser, demo, 'admin');
  await context.addInitScript(ROW_WATCH);
  const page = await context.newPage();
  const engine: number[] = [];
  const raw: number[] = [];
  for (let i = 0; i < samples + 2; i++) {
    await page.goto(`/o/${LIST_OBJECT}`);
    const sample = await appRender(page);
    const baseline = await rawRender(page);
    if (i >= 2) {
      engine.push(sample);
      raw.push(baseline);
    }
  }
  await context.close();
  return { engine: latency(engine), raw: latency(raw) };
}

/** From the end of the list response (not the tabs' one-row count requests) to the moment its 50 rows are in the document. */
async function appRender(page: Page): Promise<number> {
  await page.waitForFunction('window.__rowsAt !== null', undefined, { timeout: 30_000 });
  return page.evaluate<number>(`(() => {
    const list = performance.getEntriesByType('resource')
      .filter((e) => e.name.includes('/api/records/${LIST_OBJECT}?') && /[?&]limit=${LIST_ROWS}(&|$)/.test(e.name))
      .sort((a, b) => b.responseEnd - a.responseEnd)[0];
    return window.__rowsAt - list.responseEnd;
  })()`);
}

/** The raw baseline: the same page of JSON, fetched in the same page, rendered as a plain table with DOM calls and laid out. */
function rawRender(page: Page): Promise<number> {
  return page.evaluate<number>(`(async () => {
    const response = await fetch('/api/records/${LIST_OBJECT}?limit=${LIST_ROWS}&count=true');
    const body = await response.json();
    const started = performance.now();
    const table = document.createElement('table');
    const columns = Object.keys(body.data[0] ?? {}).slice(0, 6);
    for (const record of body.data) {
      const tr = table.insertRow();
      for (const column of columns) tr.insertCell().textContent = String(record[column] ?? '');
    }
    document.body.append(table);
    void document.body.offsetHeight;
    const elapsed = performance.now() - started;
    table.remove();
    return elapsed;
  })()`);
}
