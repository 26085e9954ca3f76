/**
 * JsonLogic's standard operators as json-logic-js 2 defines them (MIT), for the compiled evaluator to call, with
 * two deliberate differences shared by the interpreter: `var` reads own properties only, and `in` looks only into
 * a string or an array. Browser-safe.
 */
const hasOwn = Object.prototype.hasOwnProperty;

/** JsonLogic truthiness: like JavaScript, except that an empty array is false. */
export function truthy(value: unknown): boolean {
  return Array.isArray(value) && value.length === 0 ? false : Boolean(value);
}

/** `var` with the standard semantics (dotted paths, array indexes, default, "" = whole data), own properties only. */
export function ownVar(this: unknown, path?: unknown, fallback?: unknown): unknown {
  if (path === undefined || path === '' || path === null) return this;
  let data = this;
  const notFound = fallback === undefined ? null : fallback;
  for (const key of String(path).split('.')) {
    if (data === null || data === undefined) return notFound;
    data = hasOwn.call(data, key) ? (data as Record<string, unknown>)[key] : undefined;
    if (data === undefined) return notFound;
  }
  return data;
}

/** `in`: a substring of a string or an item of an array (strict equality); anything else holds nothing. */
export function inOp(needle: unknown, haystack: unknown): boolean {
  return Boolean(haystack) && (typeof haystack === 'string' || Array.isArray(haystack)) && haystack.indexOf(needle as string) !== -1;
}

type Operator = (this: unknown, ...args: any[]) => unknown;

/** The operators that evaluate all their arguments first, then compute. */
export const STANDARD_FUNCTIONS: Record<string, Operator> = {
  '==': (a, b) => a == b, // JsonLogic's == and != are JavaScript's loose ones
  '===': (a, b) => a === b,
  '!=': (a, b) => a != b,
  '!==': (a, b) => a !== b,
  '>': (a, b) => a > b,
  '>=': (a, b) => a >= b,
  '<': (a, b, c) => (c === undefined ? a < b : a < b && b < c),
  '<=': (a, b, c) => (c === undefined ? a <= b : a <= b && b <= c),
  '!!': (a) => truthy(a),
  '!': (a) => !truthy(a),
  '%': (a, b) => a % b,
  log: (a) => {
    console.log(a);
    return a;
  },
  in: inOp,
  cat: (...args) => args.join(''),
  substr: (source, start, end) => {
    if (end < 0) {
      const rest = String(source).substr(start);
      return rest.substr(0, rest.length + end);
    }
    return String(source).substr(start, end);
  },
  '+': (...args) => args.reduce((a: unknown, b: unknown) => parseFloat(a as string) + parseFloat(b as string), 0),
  '*': (...args) => args.reduce((a: unknown, b: unknown) => parseFloat(a as string) * parseFloat(b as string)),
  '-': (a, b) => (b === undefined ? -a : a - b),
  '/': (a, b) => a / b,
  min: (...args) => Math.min(...args),
  max: (...args) => Math.max(...args),
  merge: (...args) => args.reduce((a: unknown[], b: unknown) => a.concat(b), []),
};

/**
 * The operators left to the interpreter, whole subtree: those that run an expression over the items of an array
 * (the data changes), and `missing`, whose keys json-logic-js reads back through `{"var": key}` as logic.
 */
const INTERPRETED = new Set(['filter', 'map', 'reduce', 'all', 'none', 'some', 'missing', 'missing_some']);

export function isInterpretedOperator(op: string): boolean {
  return INTERPRETED.has(op);
}
