import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { answerCases, CASE_SETS, EVALUATORS, parseCases, wrongAnswers } from './fixtures/logic-cases.ts';
import * as logic from './jsonlogic.ts';

/**
 * The JsonLogic compatibility suite (copied from shared/conformance so a clone runs it on its own) and the
 * platform's operator cases, through both evaluators. tests/browser/ runs the same cases in Chromium.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');

for (const { name, file } of CASE_SETS) describe(name, () => {
  const cases = parseCases(fs.readFileSync(path.join(ROOT, file), 'utf8'));

  it('has its cases', () => {
    expect(cases.length).toBeGreaterThan(100);
  });

  // evaluateLogic is the compiled evaluator, interpretLogic json-logic-js with our hardened var.
  it.each(EVALUATORS)('%s gives every answer', (evaluator) => {
    expect(wrongAnswers(cases, answerCases(logic[evaluator], cases))).toEqual([]);
  });
});
