import { describe, expect, it } from 'vitest';
import { creditCodeCheckCharacter, isValidCreditCode } from './uscc.ts';

describe('isValidCreditCode', () => {
  // 91350100M000100Y43 is the example commonly cited for GB 32100-2015; the others' check characters were
  // computed by hand-written Python independent of uscc.ts.
  it.each(['91350100M000100Y43', '91310000MA1FL1MMXL', '12100000400000770U'])('accepts %s', (code) => {
    expect(isValidCreditCode(code)).toBe(true);
  });

  it.each([
    ['a wrong check character', '91350100M000100Y44'],
    ['lower case', '91350100m000100y43'],
    ['I, which the charset leaves out', '91350100I000100Y43'],
    ['O, which the charset leaves out', '9135010OM000100Y43'],
    ['17 characters', '91350100M000100Y4'],
    ['19 characters', '91350100M000100Y430'],
    ['the empty string', ''],
  ])('refuses %s', (_, code) => expect(isValidCreditCode(code)).toBe(false));
});

describe('creditCodeCheckCharacter', () => {
  it('computes the published example', () => {
    expect(creditCodeCheckCharacter('91350100M000100Y4')).toBe('3');
  });

  it('maps 31 to 0 and values of 10 or more to letters', () => {
    expect(creditCodeCheckCharacter('00000000000000000')).toBe('0');
    expect(creditCodeCheckCharacter('91310000MA1FL1MMX')).toBe('L');
  });

  it('throws on characters outside the charset', () => {
    expect(() => creditCodeCheckCharacter('9135010OM000100Y4')).toThrow();
  });
});
