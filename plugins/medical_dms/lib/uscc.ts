/** The unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters, the last a mod-31 check. */

const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const FIRST_17 = /^[0-9A-HJ-NPQRTUWXY]{17}$/;

export function creditCodeCheckCharacter(first17: string): string {
  if (!FIRST_17.test(first17)) throw new Error(`not 17 characters of the credit-code charset: ${first17}`);
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CHARSET.indexOf(first17[i]) * WEIGHTS[i];
  return CHARSET[(31 - (sum % 31)) % 31];
}

export function isValidCreditCode(code: string): boolean {
  return code.length === 18 && FIRST_17.test(code.slice(0, 17)) && creditCodeCheckCharacter(code.slice(0, 17)) === code[17];
}
