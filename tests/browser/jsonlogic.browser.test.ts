/**
 * The browser bundle of the expression language, built as `npm run build:logic` builds it and loaded in Chromium,
 * answers every case of the Node suite (metadata/src/jsonlogic-conformance.test.ts) with both evaluators: the
 * expected answer, and the very answer Node gives. Twice: in a page that allows eval, where evaluateLogic compiles,
 * and in one whose Content Security Policy forbids it, where evaluateLogic falls back to the interpreter.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as logic from '../../metadata/src/browser.ts';
import { answerCases, CASE_SETS, EVALUATORS, parseCases, wrongAnswers, type Answer, type LogicCase } from '../../metadata/src/fixtures/logic-cases.ts';
import { BUNDLE_NAME, buildBrowserLogicOrThrow } from '../../scripts/build-browser-logic.ts';
import { collectPageErrors, evaluateAsPage, launchChromium, serveDirectory, type StaticServer } from '../helpers/browser.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const TRUTHY_PROBES = [0, 1, -1, '', '0', 'a', [], [0], {}, null, true, false];

/** The page loads the bundle as a web app will, from a script file, and leaves it in `qudaoLogic`. */
const FILES = {
  'index.html': '<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><title>qudao-logic</title><script type="module" src="page.js"></script>\n',
  'page.js': `import * as logic from './${BUNDLE_NAME}';\nglobalThis.qudaoLogic = logic;\n`,
};

const HOSTS: { name: string; allowsEval: boolean; headers: Record<string, string> }[] = [
  { name: 'a page that allows eval', allowsEval: true, headers: {} },
  { name: 'a page whose policy forbids eval', allowsEval: false, headers: { 'content-security-policy': "script-src 'self'" } },
];

const CASES = CASE_SETS.map(({ name, file }) => ({ set: name, cases: parseCases(fs.readFileSync(path.join(ROOT, file), 'utf8')) }));

let dir: string;
let browser: Browser;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qudao-logic-'));
  await buildBrowserLogicOrThrow(dir);
  for (const [name, text] of Object.entries(FILES)) fs.writeFileSync(path.join(dir, name), text);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** answerCases itself, run in the page against the bundle's evaluator. */
function answerInPage(page: Page, evaluator: string, cases: readonly LogicCase[]): Promise<Answer[]> {
  return evaluateAsPage(page, `(${answerCases.toString()})(globalThis.qudaoLogic[${JSON.stringify(evaluator)}], ${JSON.stringify(cases)})`);
}

/** Answers beside their cases' descriptions, so that a difference names its case. */
const described = (cases: readonly LogicCase[], answers: readonly Answer[]) =>
  cases.map((c, i) => ({ case: c.description, ...answers[i] }));

for (const { name, allowsEval, headers } of HOSTS) describe(`the browser bundle in ${name}`, () => {
  let server: StaticServer;
  let page: Page;
  let pageErrors: string[];

  beforeAll(async () => {
    server = await serveDirectory(dir, headers);
    page = await browser.newPage();
    pageErrors = collectPageErrors(page);
    await page.goto(`${server.url}/index.html`);
    await page.waitForFunction(() => 'qudaoLogic' in globalThis);
  });

  afterAll(async () => {
    await page?.close();
    await server?.close();
  });

  it(`is a page where eval ${allowsEval ? 'works' : 'is refused'}`, async () => {
    expect(await evaluateAsPage(page, `(() => { try { return new Function('return true')(); } catch { return false; } })()`)).toBe(allowsEval);
  });

  it('exports what metadata/src/browser.ts exports', async () => {
    const names = await evaluateAsPage<string[]>(page, 'Object.keys(globalThis.qudaoLogic)');
    expect(names.sort()).toEqual(Object.keys(logic).sort());
  });

  for (const { set, cases } of CASES) {
    it.each(EVALUATORS)(`answers ${set} through %s, answer for answer with Node`, async (evaluator) => {
      const inPage = await answerInPage(page, evaluator, cases);
      expect(wrongAnswers(cases, inPage)).toEqual([]);
      expect(described(cases, inPage)).toStrictEqual(described(cases, answerCases(logic[evaluator], cases)));
    });
  }

  it('judges truthiness as Node does', async () => {
    const inPage = await evaluateAsPage(page, `${JSON.stringify(TRUTHY_PROBES)}.map(globalThis.qudaoLogic.isTruthy)`);
    expect(inPage).toEqual(TRUTHY_PROBES.map(logic.isTruthy));
  });

  it('logs no error in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
