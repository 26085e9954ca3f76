import { describe, expect, it } from 'vitest';
import { compileLogic } from './jsonlogic-codegen.ts';
import { evaluateLogic, interpretLogic, registerOperatorOrThrow, unregisterOperatorsExcept } from './jsonlogic.ts';

const HOSTILE = [
  '"); globalThis.pwned = 1; ("',
  "'); globalThis.pwned = 1; ('",
  '`${globalThis.pwned = 1}`',
  '\\"); globalThis.pwned = 1; //',
  '*/ globalThis.pwned = 1; /*',
  '\u2028globalThis.pwned = 1\u2029',
  '}; globalThis.pwned = 1; function f() {',
];

describe('generated code', () => {
  it('never runs text taken from the expression', () => {
    for (const text of HOSTILE) {
      const data = { [text]: text, a: text };
      for (const expr of [
        { var: text },
        { '==': [{ var: 'a' }, text] },
        { in: [{ var: 'a' }, [text, 'x']] },
        { cat: [text, { var: ['missing', text] }] },
      ]) {
        expect(evaluateLogic(expr, data)).toEqual(interpretLogic(expr, data));
      }
      expect(evaluateLogic({ cat: [text, { var: ['missing', text] }] }, data)).toBe(text + text);
      expect(() => evaluateLogic({ [text]: [1] }, data)).toThrow(/Unrecognized operation/);
    }
    expect((globalThis as Record<string, unknown>).pwned).toBeUndefined();
  });

  it('keeps non-JSON numbers and nested literals as they are', () => {
    expect(Object.is(evaluateLogic({ if: [true, -0, 1] }, {}), -0)).toBe(true);
    expect(evaluateLogic({ if: [true, Number.POSITIVE_INFINITY, 1] }, {})).toBe(Number.POSITIVE_INFINITY);
    const literal = { a: 1, b: 2 };
    expect(evaluateLogic({ if: [true, literal, null] }, {})).toBe(literal);
  });

  it('calls an operator registered after the expression was compiled, in its latest version', () => {
    const expr = { qd_test_late: [{ var: 'x' }] };
    expect(() => evaluateLogic(expr, { x: 1 })).toThrow(/Unrecognized operation qd_test_late/);
    registerOperatorOrThrow('qd_test_late', (x: number) => x + 1, 'codegen_test');
    expect(evaluateLogic(expr, { x: 1 })).toBe(2);
    registerOperatorOrThrow('qd_test_late', (x: number) => x + 2, 'codegen_test');
    expect(evaluateLogic(expr, { x: 1 })).toBe(3);
    unregisterOperatorsExcept(new Set());
    expect(() => evaluateLogic(expr, { x: 1 })).toThrow(/Unrecognized operation qd_test_late/);
  });

  it('hands operators their data as `this`, as json-logic-js does', () => {
    registerOperatorOrThrow('qd_test_this', function (this: { k: number }) { return this.k; }, 'codegen_test');
    expect(evaluateLogic({ qd_test_this: [] }, { k: 7 })).toBe(7);
    expect(interpretLogic({ qd_test_this: [] }, { k: 7 })).toBe(7);
    unregisterOperatorsExcept(new Set());
  });

  it('falls back to the interpreter where the host forbids code generation', () => {
    const original = globalThis.Function;
    const refusing = function () {
      throw new EvalError('Code generation from strings disallowed for this context');
    } as unknown as FunctionConstructor;
    globalThis.Function = refusing;
    try {
      const interpretations: unknown[] = [];
      const compiled = compileLogic({ '>': [{ var: 'n' }, 1] }, {
        interpret: (expr, data) => (interpretations.push(expr), interpretLogic(expr, data as object)),
        operator: () => { throw new Error('not used'); },
      });
      expect(compiled({ n: 2 })).toBe(true);
      expect(interpretations).toHaveLength(1);
    } finally {
      globalThis.Function = original;
    }
  });
});
