/** Walks a JsonLogic expression: the operators it uses and the record fields (`var`) it reads. */
import jsonLogic from 'json-logic-js';
import { escapePointer } from './problem.ts';
import type { JsonLogic } from './types.ts';

export interface Occurrence {
  name: string;
  /** JSON pointer inside the expression, e.g. "/and/0/==/0/var". */
  path: string;
}

/** Operators whose second argument runs once per array item, so its `var`s name the item, not the record. */
const ITEM_SCOPED_OPERATORS = new Set(['map', 'filter', 'reduce', 'all', 'none', 'some']);

/** Every `var` reading the record, skipping the empty "" var (the whole data) and item-scoped arguments. */
export function collectVars(expr: JsonLogic): Occurrence[] {
  const found: Occurrence[] = [];
  walk(expr, '', (op, args, path) => {
    if (op !== 'var') return;
    const first = Array.isArray(args) ? args[0] : args;
    const namePath = Array.isArray(args) ? `${path}/0` : path;
    if (typeof first === 'string' && first !== '') found.push({ name: first, path: namePath });
  });
  return found;
}

/** Every operator used, with the pointer of its key. */
export function collectOperators(expr: JsonLogic): Occurrence[] {
  const found: Occurrence[] = [];
  walk(expr, '', (op, _args, path) => found.push({ name: op, path }));
  return found;
}

type Visit = (op: string, args: unknown, path: string) => void;

function walk(expr: unknown, path: string, visit: Visit): void {
  if (Array.isArray(expr)) {
    expr.forEach((item, i) => walk(item, `${path}/${i}`, visit));
    return;
  }
  if (!jsonLogic.is_logic(expr)) return;
  const op = jsonLogic.get_operator(expr as Record<string, unknown>);
  const opPath = `${path}/${escapePointer(op)}`;
  const args = (expr as Record<string, unknown>)[op];
  visit(op, args, opPath);
  if (!Array.isArray(args)) {
    walk(args, opPath, visit);
    return;
  }
  args.forEach((arg, i) => {
    if (i === 1 && ITEM_SCOPED_OPERATORS.has(op)) return;
    walk(arg, `${opPath}/${i}`, visit);
  });
}
