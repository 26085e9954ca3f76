/**
 * Constant folding: every part of an expression that reads nothing of the record (`today`, `{"date_add": [{"today":
 * []}, 60, "days"]}`, `{"*": [7, 24]}`) is replaced by its value, so that the SQL compiler sees a literal it can bind
 * and the same expression means the same in JavaScript and in the database. `today` and `now` are read at `at`:
 * a schedule's tick folds its condition once, at the time it was due, for the query and for each record alike.
 */
import { evaluateLogic } from './jsonlogic.ts';
import { collectOperators } from './jsonlogic-vars.ts';
import { STANDARD_OPERATORS } from './known-operators.ts';
import { dateInChina } from './operators/dates.ts';
import { STANDARD_LIBRARY } from './operators/index.ts';
import type { JsonLogic } from './types.ts';

/**
 * Operators whose value depends only on their arguments (and the clock): json-logic-js's and the platform's own, minus
 * those that read the record (and `log`, which writes to the console). Plugins' operators are left as written.
 */
const READS_RECORD = new Set(['var', 'missing', 'missing_some', 'prior', 'changed', 'log']);
const CLOCK = new Set(['today', 'now']);
const FOLDABLE: ReadonlySet<string> = new Set([...STANDARD_OPERATORS, ...Object.keys(STANDARD_LIBRARY)].filter((op) => !READS_RECORD.has(op)));

/** Deeper than this is left as it is: the SQL compiler refuses such nesting anyway (MAX_FILTER_DEPTH). */
const MAX_FOLD_DEPTH = 64;

/** Whether `expr` reads the clock: what it folds to changes with time, so a compiled form of it must not be kept. */
export function readsClock(expr: JsonLogic): boolean {
  return collectOperators(expr).some((op) => CLOCK.has(op.name));
}

type Folded = { constant: true; value: unknown } | { constant: false; expr: unknown };

/** `expr` with its record-free parts replaced by their values at `at`; the same object when nothing folds. */
export function foldConstants(expr: JsonLogic, at: Date = new Date()): JsonLogic {
  return exprOf(fold(expr, at, 0)) as JsonLogic;
}

function fold(node: unknown, at: Date, depth: number): Folded {
  if (depth > MAX_FOLD_DEPTH) return { constant: false, expr: node };
  if (Array.isArray(node)) return foldList(node, at, depth);
  // An object that is no operation (no key, or several) is no literal either: the caller refuses it as written.
  if (!isOperation(node)) return typeof node === 'object' && node !== null ? { constant: false, expr: node } : { constant: true, value: node };
  const op = Object.keys(node)[0];
  const body = node[op];
  const list = Array.isArray(body) ? body : [body];
  const args = list.map((arg) => fold(arg, at, depth + 1));
  if (FOLDABLE.has(op) && args.every((a) => a.constant)) {
    const value = valueOf(op, args.map(exprOf), at);
    if (value !== UNFOLDABLE) return { constant: true, value };
  }
  const exprs = args.map(exprOf);
  if (exprs.every((e, i) => e === list[i])) return { constant: false, expr: node };
  return { constant: false, expr: { [op]: Array.isArray(body) ? exprs : exprs[0] } };
}

/** A list is constant when each item is; it stays the same array when no item changed. */
function foldList(items: unknown[], at: Date, depth: number): Folded {
  const folded = items.map((item) => fold(item, at, depth + 1));
  const exprs = folded.map(exprOf);
  const list = exprs.every((e, i) => e === items[i]) ? items : exprs;
  return folded.every((f) => f.constant) ? { constant: true, value: list } : { constant: false, expr: list };
}

const exprOf = (folded: Folded): unknown => (folded.constant ? folded.value : folded.expr);

const UNFOLDABLE = Symbol('unfoldable');

/** The operation's value, or UNFOLDABLE when it throws or is no literal (it stays as written, for the caller to judge). */
function valueOf(op: string, args: unknown[], at: Date): unknown {
  if (op === 'today') return dateInChina(at);
  if (op === 'now') return at.toISOString();
  try {
    const value = evaluateLogic({ [op]: args }, {});
    return isLiteral(value) ? value : UNFOLDABLE;
  } catch {
    return UNFOLDABLE;
  }
}

function isOperation(node: unknown): node is Record<string, unknown> {
  return typeof node === 'object' && node !== null && !Array.isArray(node) && Object.keys(node).length === 1;
}

/** What can stand in the expression as a literal: a value that is not read back as an operation. */
function isLiteral(value: unknown): boolean {
  if (Array.isArray(value)) return value.every(isLiteral);
  return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}
