import fc from 'fast-check';
import jsonLogic from 'json-logic-js';
import { describe, expect, it } from 'vitest';
import { evaluateLogic, isTruthy } from './jsonlogic.ts';

describe('var: own properties only', () => {
  it.each([
    'constructor', 'constructor.constructor', '__proto__', '__proto__.constructor',
    'toString', 'hasOwnProperty', 'name.constructor', 'tags.constructor', 'tags.map', 'name.toUpperCase',
  ])('%s does not reach the prototype chain', (path) => {
    expect(evaluateLogic({ var: path }, { name: 'x', tags: ['a'] })).toBeNull();
  });

  it('never yields the Function constructor, even through a nested expression', () => {
    const data = { a: { b: 1 } };
    expect(evaluateLogic({ var: [{ cat: ['constructor', '.', 'constructor'] }] }, data)).toBeNull();
    expect(evaluateLogic({ var: ['constructor.constructor', 'dflt'] }, data)).toBe('dflt');
    expect(evaluateLogic({ missing: ['constructor'] }, data)).toEqual(['constructor']);
  });

  it('leaves Object.prototype untouched by a hostile path', () => {
    evaluateLogic({ var: '__proto__.polluted' }, JSON.parse('{"__proto__": {"polluted": 1}}'));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('reads an own "__proto__" key parsed from JSON as plain data', () => {
    expect(evaluateLogic({ var: '__proto__.x' }, JSON.parse('{"__proto__": {"x": 7}}'))).toBe(7);
  });
});

describe('var: standard semantics', () => {
  const data = { a: { b: { c: 3 } }, list: [10, { k: 'v' }], zero: 0, empty: '', nil: null };

  it('follows dotted paths and numeric array indexes', () => {
    expect(evaluateLogic({ var: 'a.b.c' }, data)).toBe(3);
    expect(evaluateLogic({ var: 'list.0' }, data)).toBe(10);
    expect(evaluateLogic({ var: 'list.1.k' }, data)).toBe('v');
    expect(evaluateLogic({ var: 1 }, [5, 6])).toBe(6);
    expect(evaluateLogic({ var: 'list.length' }, data)).toBe(2);
  });

  it('returns null for missing, the default when given, and the whole data for ""', () => {
    expect(evaluateLogic({ var: 'nope' }, data)).toBeNull();
    expect(evaluateLogic({ var: 'a.x.y' }, data)).toBeNull();
    expect(evaluateLogic({ var: ['nope', 42] }, data)).toBe(42);
    expect(evaluateLogic({ var: '' }, data)).toBe(data);
    expect(evaluateLogic({ var: [] }, data)).toBe(data);
  });

  it('keeps falsy present values instead of the default', () => {
    expect(evaluateLogic({ var: ['zero', 1] }, data)).toBe(0);
    expect(evaluateLogic({ var: ['empty', 'd'] }, data)).toBe('');
    expect(evaluateLogic({ var: ['nil', 'd'] }, data)).toBeNull();
  });

  it('is used inside map, filter and some', () => {
    const rows = { items: [{ n: 1 }, { n: 5 }] };
    expect(evaluateLogic({ map: [{ var: 'items' }, { var: 'n' }] }, rows)).toEqual([1, 5]);
    expect(evaluateLogic({ some: [{ var: 'items' }, { '>': [{ var: 'n' }, 4] }] }, rows)).toBe(true);
    expect(evaluateLogic({ map: [{ var: 'items' }, { var: 'constructor' }] }, rows)).toEqual([null, null]);
  });
});

describe('like and ilike', () => {
  const like = (value: unknown, pattern: unknown, op = 'like') => evaluateLogic({ [op]: [value, pattern] }, {});

  it('matches % and _ like SQL', () => {
    expect(like('Peking Union', 'Peking%')).toBe(true);
    expect(like('Peking Union', '%Union')).toBe(true);
    expect(like('abc', 'a_c')).toBe(true);
    expect(like('abbc', 'a_c')).toBe(false);
    expect(like('北京协和医院', '%协和%')).toBe(true);
    expect(like('line1\nline2', 'line1%')).toBe(true);
  });

  it('is case-sensitive, ilike is not', () => {
    expect(like('Peking', 'peking')).toBe(false);
    expect(like('Peking', 'peking', 'ilike')).toBe(true);
  });

  it('treats regex characters literally and honours backslash escapes', () => {
    expect(like('a.c', 'a.c')).toBe(true);
    expect(like('abc', 'a.c')).toBe(false);
    expect(like('(x)+[y]', '(x)+[y]')).toBe(true);
    expect(like('100%', '100\\%')).toBe(true);
    expect(like('1000', '100\\%')).toBe(false);
    expect(like('a_b', 'a\\_b')).toBe(true);
  });

  it('never matches a null or non-text operand', () => {
    expect(like(null, '%')).toBe(false);
    expect(like(12, '%')).toBe(false);
    expect(evaluateLogic({ like: [{ var: 'missing' }, '%'] }, {})).toBe(false);
  });
});

describe('isTruthy', () => {
  it('follows JsonLogic truthiness', () => {
    expect(isTruthy([])).toBe(false);
    expect(isTruthy([0])).toBe(true);
    expect(isTruthy('')).toBe(false);
    expect(isTruthy('0')).toBe(true);
    expect(isTruthy(0)).toBe(false);
    expect(isTruthy(null)).toBe(false);
    expect(isTruthy({})).toBe(true);
  });
});

it('throws on an unknown operator', () => {
  expect(() => evaluateLogic({ constructor: [] }, {})).toThrow();
});

describe('compiled operators agree with json-logic-js', () => {
  const data = { a: 1, b: '1', c: 0, s: 'abc', list: [1, 2], nested: { x: null }, n: -2.5 };
  const operand = fc.oneof(
    fc.constantFrom<unknown>(0, 1, 2, -1, 0.5, '1', '', 'abc', 'b', null, true, false, [], [1], ['1', 'b', 2], {}),
    fc.constantFrom('a', 'b', 'c', 's', 'list', 'nested.x', 'list.1', 'zzz', 'n', 's.length', '').map((p) => ({ var: p })),
    fc.tuple(fc.constantFrom('a', 'zzz', 'nested.x'), fc.constantFrom<unknown>(0, 'd', null)).map(([p, d]) => ({ var: [p, d] })),
  );
  const ops = ['==', '===', '!=', '!==', '<', '<=', '>', '>=', 'in', '+', '-', '*', '/', '%', 'cat', 'min', 'max',
    'merge', 'substr', 'missing', 'and', 'or', 'if', '?:', '!', '!!', 'map', 'filter', 'some', 'var'];
  const { expr } = fc.letrec<{ expr: unknown }>((tie) => ({
    expr: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      operand,
      fc.tuple(fc.constantFrom(...ops), fc.array(tie('expr'), { maxLength: 4 })).map(([op, xs]) => ({ [op]: xs })),
      fc.tuple(fc.constantFrom(...ops), tie('expr')).map(([op, x]) => ({ [op]: x })),
      fc.tuple(fc.constantFrom('==', '<', '<=', '>=', 'in'), tie('expr'), tie('expr')).map(([op, x, y]) => ({ [op]: [x, y] })),
      fc.tuple(fc.constantFrom('<', '<='), tie('expr'), tie('expr'), operand).map(([op, x, y, z]) => ({ [op]: [x, y, z] })),
    ),
  }));
  const outcome = (evaluate: () => unknown) => {
    try {
      return { value: evaluate() };
    } catch {
      return { threw: true };
    }
  };

  it('on random expressions, answer for answer and error for error', () => {
    fc.assert(fc.property(expr, (e) => {
      expect(outcome(() => evaluateLogic(e, data))).toEqual(outcome(() => jsonLogic.apply(e as never, data)));
    }), { numRuns: 3000 }); // 50,000 runs found nothing more
  });
});

describe('like on hostile patterns', () => {
  // As a backtracking regex (.*a.*a…b) this is O(n^8) on 10,000 characters: the test would hang past its timeout.
  it('answers where a backtracking regex would hang', { timeout: 2_000 }, () => {
    const text = 'a'.repeat(10_000);
    expect(evaluateLogic({ like: [text, '%a%a%a%a%a%a%a%b'] }, {})).toBe(false);
    expect(evaluateLogic({ like: [text, '%a%a%a%a%a%a%a%'] }, {})).toBe(true);
  });

  it('keeps escapes, underscores and both ends exact', () => {
    expect(evaluateLogic({ like: ['100%', '100\\%'] }, {})).toBe(true);
    expect(evaluateLogic({ like: ['1000', '100\\%'] }, {})).toBe(false);
    expect(evaluateLogic({ like: ['abcabc', 'a%c'] }, {})).toBe(true);
    expect(evaluateLogic({ like: ['abcab', 'a%c'] }, {})).toBe(false);
    expect(evaluateLogic({ like: ['aXbc', 'a_b%'] }, {})).toBe(true);
    expect(evaluateLogic({ like: ['ab', 'a%b%'] }, {})).toBe(true);
    expect(evaluateLogic({ like: ['a', 'a%a'] }, {})).toBe(false);
    expect(evaluateLogic({ ilike: ['北京 PUMCH', '%pumch'] }, {})).toBe(true);
  });
});
