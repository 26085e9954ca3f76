import { describe, expect, it } from 'vitest';
import { letterCodeKey, openLetterCode, sealLetterCode } from './letter-code-seal.ts';
import { newLetterCode } from './letter-codes.ts';

const keyOf = (value: string) => letterCodeKey(async () => ({ value, source: 'environment' }))();
const LETTER = '0193a3b4-0000-7000-8000-000000000001';

describe('sealed verification codes', () => {
  it('open with the same secret for the same letter only', async () => {
    const key = await keyOf('s3cret');
    const code = newLetterCode();
    const sealed = sealLetterCode(key, LETTER, code);
    expect(sealed).not.toContain(code);
    expect(openLetterCode(key, LETTER, sealed)).toBe(code);
    expect(openLetterCode(await keyOf('s3cret'), LETTER, sealed)).toBe(code);
    expect(openLetterCode(key, LETTER.replace(/1$/, '2'), sealed)).toBeUndefined();
    expect(openLetterCode(await keyOf('another secret'), LETTER, sealed)).toBeUndefined();
  });

  it('refuse a tampered or truncated seal', async () => {
    const key = await keyOf('s3cret');
    const sealed = Buffer.from(sealLetterCode(key, LETTER, newLetterCode()), 'base64url');
    sealed[sealed.length - 1] ^= 1;
    expect(openLetterCode(key, LETTER, sealed.toString('base64url'))).toBeUndefined();
    expect(openLetterCode(key, LETTER, 'c2hvcnQ')).toBeUndefined();
  });
});
