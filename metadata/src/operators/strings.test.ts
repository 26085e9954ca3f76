import { describe, expect, it } from 'vitest';
import { evaluateLogic } from '../jsonlogic.ts';

const run = (expr: object, data: object = {}) => evaluateLogic(expr, data);

describe('length', () => {
  it('counts code points of a string and items of an array', () => {
    expect(run({ length: 'abc' })).toBe(3);
    expect(run({ length: '渠道𠮷😀' })).toBe(4);
    expect(run({ length: '' })).toBe(0);
    expect(run({ length: [{ var: 'list' }] }, { list: [1, 2, 3] })).toBe(3);
  });

  it('gives null for anything else', () => {
    expect(run({ length: [null] })).toBeNull();
    expect(run({ length: [{ var: 'missing' }] })).toBeNull();
    expect(run({ length: 12 })).toBeNull();
  });
});

describe('trim, upper, lower', () => {
  it('transform strings', () => {
    expect(run({ trim: '  a b \u3000' })).toBe('a b');
    expect(run({ upper: 'abc-é' })).toBe('ABC-É');
    expect(run({ lower: 'ABC渠道' })).toBe('abc渠道');
  });

  it('give null for anything else', () => {
    for (const op of ['trim', 'upper', 'lower']) {
      expect(run({ [op]: [null] })).toBeNull();
      expect(run({ [op]: 5 })).toBeNull();
      expect(run({ [op]: [['a']] })).toBeNull();
    }
  });
});

describe('contains', () => {
  it('finds a substring or an element', () => {
    expect(run({ contains: ['上海医院', '医院'] })).toBe(true);
    expect(run({ contains: ['abc', 'd'] })).toBe(false);
    expect(run({ contains: [{ var: 'tags' }, 'vip'] }, { tags: ['new', 'vip'] })).toBe(true);
    expect(run({ contains: [{ var: 'tags' }, 'x'] }, { tags: ['new', 'vip'] })).toBe(false);
    expect(run({ contains: [[1, 2], 2] })).toBe(true);
  });

  it('is false for bad input', () => {
    expect(run({ contains: [null, 'a'] })).toBe(false);
    expect(run({ contains: ['a1', 1] })).toBe(false);
    expect(run({ contains: [{ var: 'missing' }, { var: 'missing' }] })).toBe(false);
  });
});

describe('is_blank', () => {
  it('is true for nothing, white space and an empty list', () => {
    for (const value of [null, '', '  ', '\u3000\t\n', []]) expect(run({ is_blank: [{ var: 'v' }] }, { v: value })).toBe(true);
    expect(run({ is_blank: [{ var: 'missing' }] })).toBe(true);
  });

  it('is false for a value', () => {
    for (const value of [0, false, 'a', ' a ', [null], {}]) expect(run({ is_blank: [{ var: 'v' }] }, { v: value })).toBe(false);
  });
});
