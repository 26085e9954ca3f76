import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateLogic, interpretLogic } from './jsonlogic.ts';

interface Case {
  description: string;
  rule: unknown;
  data?: unknown;
  result?: unknown;
  error?: unknown;
}

/**
 * The JsonLogic compatibility suite (jsonlogic.com's tests, MIT, as kept in json-logic-engine's suites/compatible.json),
 * copied from shared/conformance so a clone runs it on its own.
 */
const SUITE = path.resolve(import.meta.dirname, '../../tests/fixtures/jsonlogic-compatible.json');
const cases = (JSON.parse(fs.readFileSync(SUITE, 'utf8')) as unknown[]).filter((c): c is Case => typeof c === 'object' && c !== null);

describe('the JsonLogic compatibility suite', () => {
  it('has its cases', () => {
    expect(cases.length).toBeGreaterThan(250);
  });

  for (const [name, evaluate] of [
    ['the compiled evaluator', (rule: unknown, data: unknown) => evaluateLogic(rule, (data ?? {}) as object)],
    ['the interpreter (json-logic-js with our hardened var)', (rule: unknown, data: unknown) => interpretLogic(rule, (data ?? {}) as object)],
  ] as const) {
    it(`${name} gives every answer`, () => {
      const wrong = cases.flatMap((c) => {
        // Rules are cached by identity: evaluate a fresh copy, as a stored document would be.
        const rule = structuredClone(c.rule);
        try {
          const got = evaluate(rule, structuredClone(c.data));
          return 'error' in c || JSON.stringify(got) !== JSON.stringify(c.result) ? [`${c.description}: got ${JSON.stringify(got)}`] : [];
        } catch (error) {
          return 'error' in c ? [] : [`${c.description}: threw ${(error as Error).message}`];
        }
      });
      expect(wrong).toEqual([]);
    });
  }
});
