/**
 * JsonLogic hardened for user-written expressions: the operator registry, the compiled evaluator and the reference
 * interpreter. Browser-safe. json-logic-js's `var` walks the prototype chain (`{"var": "constructor.constructor"}`
 * yields the Function constructor), so it is replaced by an own-property lookup before any expression runs.
 */
import jsonLogic from 'json-logic-js';
import { EXTRA_OPERATORS, STANDARD_OPERATORS } from './known-operators.ts';
import { compileLogic, type Compiled } from './jsonlogic-codegen.ts';
import { inOp, ownVar, truthy } from './jsonlogic-standard.ts';
import { STANDARD_LIBRARY } from './operators/index.ts';

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
/** The operators beyond the standard ones, as compiled expressions call them. */
const registeredOperators = new Map<string, (...args: any[]) => unknown>();

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
  registeredOperators.set(name, fn);
  operatorOwners.set(name, owner);
  EXTRA_OPERATORS.add(name);
}

/** Forgets every operator registered by an owner that is no longer there (an uninstalled plugin). */
export function unregisterOperatorsExcept(owners: ReadonlySet<string>): void {
  for (const [name, owner] of operatorOwners) {
    if (owner === 'engine' || owners.has(owner)) continue;
    jsonLogic.rm_operation(name);
    registeredOperators.delete(name);
    operatorOwners.delete(name);
    EXTRA_OPERATORS.delete(name);
  }
}

jsonLogic.add_operation('var', ownVar);
jsonLogic.add_operation('in', inOp);
registerOperatorOrThrow('like', like(false), 'engine');
registerOperatorOrThrow('ilike', like(true), 'engine');
for (const [name, fn] of Object.entries(STANDARD_LIBRARY)) registerOperatorOrThrow(name, fn, 'engine');

/** Expressions are stored documents and never mutated, so each one is compiled once and kept while it lives. */
const compiledCache = new WeakMap<object, Compiled>();

/** Evaluates a JsonLogic expression against `data`, with json-logic-js's semantics. Throws on an unknown operator. */
export function evaluateLogic(expr: unknown, data: object): unknown {
  if (typeof expr !== 'object' || expr === null) return expr;
  let fn = compiledCache.get(expr);
  if (fn === undefined) {
    fn = compileLogic(expr, RUNTIME);
    compiledCache.set(expr, fn);
  }
  return fn(data);
}

/** The reference interpreter (json-logic-js with the hardened `var` and every registered operator), uncompiled. */
export function interpretLogic(expr: unknown, data: object): unknown {
  return jsonLogic.apply(expr as never, data);
}

export { truthy as isTruthy };

const RUNTIME = {
  interpret: interpretLogic as (expr: unknown, data: unknown) => unknown,
  operator(name: string) {
    const fn = registeredOperators.get(name);
    if (fn === undefined) throw new Error(`Unrecognized operation ${name}`);
    return fn;
  },
};

