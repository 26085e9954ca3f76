/** GS1 check digits (GTIN-8, -12, -13, -14; a UDI-DI is a GTIN-14). */

const GTIN = /^(\d{8}|\d{12,14})$/;

/** The mod-10 check digit: weights 3, 1, 3, … from the rightmost digit leftwards. */
export function gs1CheckDigit(digitsWithoutCheck: string): number {
  if (!/^\d+$/.test(digitsWithoutCheck)) throw new Error(`not a digit string: ${digitsWithoutCheck}`);
  let sum = 0;
  for (let i = 0; i < digitsWithoutCheck.length; i++) {
    const digit = Number(digitsWithoutCheck[digitsWithoutCheck.length - 1 - i]);
    sum += i % 2 === 0 ? digit * 3 : digit;
  }
  return (10 - (sum % 10)) % 10;
}

export function isValidGtin(code: string): boolean {
  return GTIN.test(code) && gs1CheckDigit(code.slice(0, -1)) === Number(code.slice(-1));
}
