import { describe, expect, it } from 'vitest';
import { gs1CheckDigit, isValidGtin } from './gs1.ts';

describe('isValidGtin', () => {
  // Published examples: Wikipedia's EAN-8, UPC-A, EAN-13 and ISBN-13 samples, and GS1 China's 6901234567892.
  it.each(['96385074', '036000291452', '4006381333931', '9780306406157', '6901234567892', '06901234567892', '10614141000415'])(
    'accepts %s', (code) => expect(isValidGtin(code)).toBe(true));

  it.each([
    ['a wrong check digit', '06901234567896'],
    ['a transposition', '06901234567829'],
    ['11 digits', '03600029145'],
    ['9 digits', '963850740'],
    ['15 digits', '006901234567892'],
    ['a letter', '0690123456789X'],
    ['spaces', ' 6901234567892'],
    ['the empty string', ''],
  ])('refuses %s', (_, code) => expect(isValidGtin(code)).toBe(false));
});

describe('gs1CheckDigit', () => {
  it('weights 3, 1, 3, … from the right', () => {
    expect(gs1CheckDigit('0690123456789')).toBe(2);
    expect(gs1CheckDigit('400638133393')).toBe(1);
    expect(gs1CheckDigit('9638507')).toBe(4);
  });

  it('is 0 when the weighted sum is a multiple of 10', () => {
    expect(gs1CheckDigit('0000000000000')).toBe(0);
  });

  it('throws on non-digits', () => {
    expect(() => gs1CheckDigit('12a')).toThrow();
  });
});
