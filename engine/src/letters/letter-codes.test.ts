import { describe, expect, it } from 'vitest';
import { hashLetterCode, isLetterCode, newLetterCode, verifyUrl } from './letter-codes.ts';

describe('verification codes', () => {
  it('are 24 URL-safe characters, different every time', () => {
    const codes = new Set(Array.from({ length: 1000 }, newLetterCode));
    expect(codes.size).toBe(1000);
    for (const code of codes) expect(isLetterCode(code)).toBe(true);
  });

  it('refuse what is not a code', () => {
    for (const bad of ['', 'short', 'a'.repeat(25), `${'a'.repeat(23)}/`, `${'a'.repeat(23)}=`]) expect(isLetterCode(bad)).toBe(false);
  });

  it('hash to hex SHA-256 and build the verify address under the base path', () => {
    expect(hashLetterCode('x')).toMatch(/^[0-9a-f]{64}$/);
    expect(verifyUrl(new URL('https://crm.example.cn/app/'), 'abc')).toBe('https://crm.example.cn/app/verify/abc');
    expect(verifyUrl(new URL('http://127.0.0.1:3000'), 'abc')).toBe('http://127.0.0.1:3000/verify/abc');
  });
});
