import { describe, expect, it } from 'vitest';
import { evaluateLogic } from '../jsonlogic.ts';
import { isSafePattern } from './regex-safety.ts';

const matches = (...args: unknown[]) => evaluateLogic({ matches: args }, {});

// The cases that fit in JSON are in operator-cases.json, which Node and the browser both run.
describe('matches', () => {
  it('gives the same answer on every call', () => {
    expect([matches('aa', 'a'), matches('aa', 'a')]).toEqual([true, true]);
  });

  it('refuses long patterns and long input', () => {
    expect(matches('a', `a{0,1}${'b?'.repeat(100)}`)).toBe(false);
    expect(matches('a'.repeat(10_000), '^a+$')).toBe(true);
    expect(matches('a'.repeat(10_001), '^a+$')).toBe(false);
  });

  // Run as a regex, this pattern takes 2^36 steps on this input: the test would hang past its timeout.
  it('refuses a catastrophic pattern instead of running it', { timeout: 2_000 }, () => {
    expect(evaluateLogic({ matches: ['aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!', '(a+)+$'] }, {})).toBe(false);
  });
});

describe('isSafePattern', () => {
  it.each([
    '(a+)+$', '(a*)*', '(a|a)*', '(.*a){20}', '((a+))+', '(a?)+', '(\\w+\\s?)*$', '(x+x+)+y',
    'a*a*b', '\\d+\\d+x', '.*x.*y', '(a*)(a*)b', 'a*(a*)b', '(\\w)\\1', '(?<n>a)\\k<n>', '(?=.*a.*b)', '^+', '(?P<x>a)',
  ])('refuses %s', (pattern) => {
    expect(isSafePattern(pattern, '')).toBe(false);
  });

  it.each([
    '^1[3-9]\\d{9}$', '^\\d+-\\d+$', '^[A-Z]{2}\\d{6}$', '^.*@example\\.com$', '(\\w+)@(\\w+)\\.com',
    '^(?:\\+86)?1\\d{10}$', '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$', '(ab)+c', '(\\.\\d+)?$', 'foo|bar', 'a*|a*b', '\\bword\\b',
    '^\\d{6}(\\d{2})?$', '[(*+]+x',
  ])('accepts %s', (pattern) => {
    expect(isSafePattern(pattern, '')).toBe(true);
  });

  it('judges overlap with the flags: a case-insensitive repeat can feed the next one', () => {
    expect(isSafePattern('[a-z]+[A-Z]+', '')).toBe(true);
    expect(isSafePattern('[a-z]+[A-Z]+', 'i')).toBe(false);
  });
});
