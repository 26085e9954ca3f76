/**
 * JsonLogic hardened for user-written expressions. Browser-safe.
 * json-logic-js's `var` walks the prototype chain (`{"var": "constructor.constructor"}` yields the Function
 * constructor), so it is replaced by an own-property lookup before any expression runs.
 */
import jsonLogic from 'json-logic-js';
import { EXTRA_OPERATORS, STANDARD_OPERATORS } from './check-validation-rule.ts';
import { STANDARD_LIBRARY } from './operators/index.ts';

const hasOwn = Object.prototype.hasOwnProperty;

/** `var` with the standard semantics (dotted paths, array indexes, default, "" = whole data), own properties only. */
function ownVar(this: unknown, path?: unknown, fallback?: unknown): unknown {
  if (path === undefined || path === '' || path === null) return this;
  return lookup(this, String(path).split('.'), fallback === undefined ? null : fallback);
}

function lookup(data: unknown, keys: readonly string[], notFound: unknown): unknown {
  for (const key of keys) {
    if (data === null || data === undefined) return notFound;
    data = hasOwn.call(data, key) ? (data as Record<string, unknown>)[key] : undefined;
    if (data === undefined) return notFound;
  }
  return data;
}

const LIKE_CACHE_LIMIT = 500;
/** A LIKE pattern as the runs between its `%`: each run a list of characters, null standing for `_`. */
type LikePattern = (string | null)[][];
const likeCache = new Map<string, LikePattern>();

/**
 * SQL LIKE: `%` any run, `_` one character, `\` escapes the next character (PostgreSQL's default). Matched by
 * finding each run leftmost in turn, never with a backtracking regex, so a hostile pattern costs at most
 * O(text × pattern).
 */
function compileLike(pattern: string, insensitive: boolean): LikePattern {
  const cacheKey = (insensitive ? 'i' : 's') + pattern;
  const cached = likeCache.get(cacheKey);
  if (cached) return cached;
  const runs: LikePattern = [[]];
  const chars = Array.from(insensitive ? pattern.toLowerCase() : pattern);
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i];
    if (ch === '\\' && i + 1 < chars.length) runs[runs.length - 1].push(chars[++i]);
    else if (ch === '%') runs.push([]);
    else runs[runs.length - 1].push(ch === '_' ? null : ch);
  }
  if (likeCache.size >= LIKE_CACHE_LIMIT) likeCache.clear();
  likeCache.set(cacheKey, runs);
  return runs;
}

const runAt = (text: string[], run: (string | null)[], at: number) =>
  at + run.length <= text.length && run.every((ch, k) => ch === null || ch === text[at + k]);

function matchesLike(value: string, runs: LikePattern, insensitive: boolean): boolean {
  const text = Array.from(insensitive ? value.toLowerCase() : value);
  const first = runs[0];
  const last = runs[runs.length - 1];
  if (runs.length === 1) return text.length === first.length && runAt(text, first, 0);
  if (!runAt(text, first, 0)) return false;
  let at = first.length;
  for (const run of runs.slice(1, -1)) {
    while (at + run.length <= text.length && !runAt(text, run, at)) at++;
    if (at + run.length > text.length) return false;
    at += run.length;
  }
  return text.length - last.length >= at && runAt(text, last, text.length - last.length);
}

/** NULL LIKE x is NULL in SQL: a missing or non-text operand never matches. */
function like(insensitive: boolean) {
  return (value: unknown, pattern: unknown): boolean =>
    typeof value === 'string' && typeof pattern === 'string' && matchesLike(value, compileLike(pattern, insensitive), insensitive);
}

/** Who registered each operator beyond the standard ones, so a second registrant can't silently override it. */
const operatorOwners = new Map<string, string>();

/**
 * Adds an operator to the one operator set of the platform (rules, formulas, the deploy checks). Throws when the
 * name is standard or belongs to another owner; the same owner (a plugin being upgraded) may replace its own.
 */
export function registerOperatorOrThrow(name: string, fn: (...args: any[]) => unknown, owner: string): void {
  const current = operatorOwners.get(name);
  if (STANDARD_OPERATORS.has(name) || (current !== undefined && current !== owner)) {
    throw new Error(`The JsonLogic operator "${name}" is already defined${current ? ` by ${current}` : ''}`);
  }
  jsonLogic.add_operation(name, fn);
  operatorOwners.set(name, owner);
  EXTRA_OPERATORS.add(name);
}

/** Forgets every operator registered by an owner that is no longer there (an uninstalled plugin). */
export function unregisterOperatorsExcept(owners: ReadonlySet<string>): void {
  for (const [name, owner] of operatorOwners) {
    if (owner === 'engine' || owners.has(owner)) continue;
    jsonLogic.rm_operation(name);
    operatorOwners.delete(name);
    EXTRA_OPERATORS.delete(name);
  }
}

jsonLogic.add_operation('var', ownVar);
registerOperatorOrThrow('like', like(false), 'engine');
registerOperatorOrThrow('ilike', like(true), 'engine');
for (const [name, fn] of Object.entries(STANDARD_LIBRARY)) registerOperatorOrThrow(name, fn, 'engine');

type Compiled = (data: unknown) => unknown;
type Builder = (args: Compiled[], raw: unknown[]) => Compiled;

/** Expressions are stored documents and never mutated, so each one is compiled once and kept while it lives. */
const compiledCache = new WeakMap<object, Compiled>();

/** Evaluates a JsonLogic expression against `data`, with json-logic-js's semantics. Throws on an unknown operator. */
export function evaluateLogic(expr: unknown, data: object): unknown {
  if (typeof expr !== 'object' || expr === null) return expr;
  let fn = compiledCache.get(expr);
  if (fn === undefined) {
    fn = compile(expr);
    compiledCache.set(expr, fn);
  }
  return fn(data);
}

/** The reference interpreter (json-logic-js with the hardened `var` and every registered operator), uncompiled. */
export function interpretLogic(expr: unknown, data: object): unknown {
  return jsonLogic.apply(expr as never, data);
}

/** JsonLogic truthiness: like JavaScript, except that an empty array is false. */
export function isTruthy(value: unknown): boolean {
  return jsonLogic.truthy(value);
}

/**
 * Closures for the hot operators (rules run on every write); any other operator is handed, with its whole
 * subtree, to json-logic-js, so the semantics stay the reference's.
 */
function compile(node: unknown): Compiled {
  if (Array.isArray(node)) {
    const items = node.map(compile);
    return (data) => items.map((item) => item(data));
  }
  if (!jsonLogic.is_logic(node)) return () => node;
  const op = Object.keys(node as object)[0];
  const value = (node as Record<string, unknown>)[op];
  const raw = Array.isArray(value) ? value : [value];
  if (!hasOwn.call(BUILDERS, op)) return (data) => jsonLogic.apply(node as never, data);
  return BUILDERS[op](raw.map(compile), raw);
}

const noValue: Compiled = () => undefined;
const binary = (f: (a: unknown, b: unknown) => unknown): Builder => ([a, b]) => {
  const left = a ?? noValue, right = b ?? noValue;
  return (data) => f(left(data), right(data));
};

const BUILDERS: Record<string, Builder> = {
  var: compileVar,
  '==': binary((a, b) => a == b), // JsonLogic's == and != are JavaScript's loose ones
  '===': binary((a, b) => a === b),
  '!=': binary((a, b) => a != b),
  '!==': binary((a, b) => a !== b),
  '>': binary((a, b) => (a as number) > (b as number)),
  '>=': binary((a, b) => (a as number) >= (b as number)),
  '<': between((a, b) => a < b),
  '<=': between((a, b) => a <= b),
  '!': ([a]) => (data) => !jsonLogic.truthy((a ?? noValue)(data)),
  '!!': ([a]) => (data) => jsonLogic.truthy((a ?? noValue)(data)),
  // As json-logic-js: an empty haystack ('' too) holds nothing.
  in: binary((a, b) => Boolean(b) && (typeof b === 'string' || Array.isArray(b)) && b.indexOf(a as string) !== -1),
  and: (args) => (data) => shortCircuit(args, data, false),
  or: (args) => (data) => shortCircuit(args, data, true),
  if: compileIf,
  '?:': compileIf,
};

/** `{"<": [a, b, c]}` is "a < b < c" unless c evaluates to undefined. */
function between(f: (a: number, b: number) => boolean): Builder {
  return ([a, b, c]) => {
    const first = a ?? noValue, second = b ?? noValue, third = c ?? noValue;
    return (data) => {
      const left = first(data) as number, middle = second(data) as number, right = third(data) as number | undefined;
      return right === undefined ? f(left, middle) : f(left, middle) && f(middle, right);
    };
  };
}

function shortCircuit(args: Compiled[], data: unknown, stopWhen: boolean): unknown {
  let current: unknown;
  for (const arg of args) {
    current = arg(data);
    if (jsonLogic.truthy(current) === stopWhen) return current;
  }
  return current;
}

function compileIf(args: Compiled[]): Compiled {
  return (data) => {
    let i = 0;
    for (; i < args.length - 1; i += 2) if (jsonLogic.truthy(args[i](data))) return args[i + 1](data);
    return i === args.length - 1 ? args[i](data) : null;
  };
}

/** A literal path is split once, not on every evaluation. */
function compileVar(args: Compiled[], raw: unknown[]): Compiled {
  const [path, fallback] = raw;
  const literal = (v: unknown) => typeof v !== 'object' || v === null;
  if (!literal(path) || !literal(fallback) || path === undefined || path === '' || path === null) {
    return (data) => ownVar.call(data, args[0]?.(data), args[1]?.(data));
  }
  const keys = String(path).split('.');
  const notFound = fallback === undefined ? null : fallback;
  return (data) => lookup(data, keys, notFound);
}
