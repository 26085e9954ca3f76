/** GB/T 2260 administrative division codes: `XX0000` a province, `XXXX00` a city, anything else a county. */

const CODE = /^\d{6}$/;

/** [code, ancestor]: the code lies inside the ancestor (or is it). */
export function regionIn(code: unknown, ancestor: unknown): boolean {
  if (typeof code !== 'string' || typeof ancestor !== 'string' || !CODE.test(code) || !CODE.test(ancestor)) return false;
  const prefix = ancestor.endsWith('0000') ? 2 : ancestor.endsWith('00') ? 4 : 6;
  return code.startsWith(ancestor.slice(0, prefix));
}
