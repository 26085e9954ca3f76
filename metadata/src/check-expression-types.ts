/**
 * Static type checks of JsonLogic expressions against the fields they read: a comparison or arithmetic on a
 * field that holds no number or date, a literal of the wrong kind, a picklist value that is not an option.
 * Only what can be decided from the metadata is refused; anything computed is left to run time.
 */
import { escapePointer, problem } from './problem.ts';
import { valueType, type FieldDef, type ObjectDoc, type Problem } from './types.ts';
import { fieldAt, type ObjectsByName } from './var-scope.ts';

const ORDERED = new Set(['<', '<=', '>', '>=']);
const ARITHMETIC = new Set(['+', '-', '*', '/', '%']);
const EQUALITY = new Set(['==', '===', '!=', '!==']);
const NUMERIC_TYPES = new Set(['integer', 'number', 'money', 'percent']);
const DATE_TYPES = new Set(['date', 'datetime']);
const PICKLISTS = new Set(['picklist', 'multi_picklist']);
const ISO_DATE = /^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/;

interface Scope {
  object: ObjectDoc;
  objects: ObjectsByName;
}

export function checkExpressionTypes(expr: unknown, path: string, object: ObjectDoc, objects: ObjectsByName): Problem[] {
  return walk(expr, path, { object, objects });
}

function walk(node: unknown, path: string, scope: Scope): Problem[] {
  if (Array.isArray(node)) return node.flatMap((item, i) => walk(item, `${path}/${i}`, scope));
  if (typeof node !== 'object' || node === null) return [];
  const keys = Object.keys(node);
  if (keys.length !== 1) return []; // not an operation: the operator check names it
  const [op] = keys;
  const raw = (node as Record<string, unknown>)[op];
  const args = Array.isArray(raw) ? raw : [raw];
  const at = (i: number) => (Array.isArray(raw) ? `${path}/${escapePointer(op)}/${i}` : `${path}/${escapePointer(op)}`);
  const own = op === 'var' ? [] : checkOperator(op, args, at, scope);
  return op === 'var' ? [] : [...own, ...args.flatMap((arg, i) => walk(arg, at(i), scope))];
}

function checkOperator(op: string, args: unknown[], at: (i: number) => string, scope: Scope): Problem[] {
  const fields = args.map((arg) => varField(arg, scope));
  if (ORDERED.has(op) || ARITHMETIC.has(op)) {
    return fields.flatMap((field, i) => (field && !fitsOrdering(field, ARITHMETIC.has(op)) ? [notComparable(at(i), op, field)] : []))
      .concat(ORDERED.has(op) ? literalsAgainst(fields, args, at) : []);
  }
  if (EQUALITY.has(op)) return literalsAgainst(fields, args, at);
  if (op === 'in' && fields[0] && PICKLISTS.has(fields[0].type) && Array.isArray(args[1])) {
    return (args[1] as unknown[]).flatMap((value, i) => (isOption(fields[0]!, value) ? [] : [notAnOption(`${at(1)}/${i}`, fields[0]!, value)]));
  }
  return [];
}

/** A literal beside a field must be of the field's kind (a number for numbers, a date for dates, an option for a picklist). */
function literalsAgainst(fields: (FieldDef | undefined)[], args: unknown[], at: (i: number) => string): Problem[] {
  const field = fields.find((f) => f !== undefined);
  if (!field) return [];
  return args.flatMap((arg, i) => {
    if (fields[i] !== undefined || arg === null || typeof arg === 'object') return [];
    if (PICKLISTS.has(field.type)) return isOption(field, arg) ? [] : [notAnOption(at(i), field, arg)];
    const type = valueType(field);
    const fits = NUMERIC_TYPES.has(type) ? typeof arg === 'number' || (typeof arg === 'string' && arg.trim() !== '' && Number.isFinite(Number(arg)))
      : DATE_TYPES.has(type) ? typeof arg === 'string' && ISO_DATE.test(arg)
      : type === 'boolean' ? typeof arg === 'boolean' : true;
    return fits ? [] : [problem(at(i), 'type_mismatch',
      `${JSON.stringify(arg)} 不能与「${field.label['zh-CN']}」（${type}）比较`, `${JSON.stringify(arg)} can't be compared with ${field.label.en} (${type})`)];
  });
}

function varField(arg: unknown, scope: Scope): FieldDef | undefined {
  if (typeof arg !== 'object' || arg === null || Array.isArray(arg) || !('var' in arg)) return undefined;
  const name = Array.isArray(arg.var) ? arg.var[0] : arg.var;
  return typeof name === 'string' ? fieldAt(name, scope.object, scope.objects) : undefined;
}

function fitsOrdering(field: FieldDef, arithmetic: boolean): boolean {
  const type = valueType(field);
  return NUMERIC_TYPES.has(type) || (!arithmetic && (DATE_TYPES.has(type) || type === 'text'));
}

const isOption = (field: FieldDef, value: unknown) => (field.options ?? []).some((o) => o.value === value);

function notComparable(path: string, op: string, field: FieldDef): Problem {
  const type = valueType(field);
  return problem(path, 'type_mismatch', `「${field.label['zh-CN']}」（${type}）不能用于 ${op}`, `${field.label.en} (${type}) can't be used with ${op}`);
}

function notAnOption(path: string, field: FieldDef, value: unknown): Problem {
  const options = (field.options ?? []).map((o) => o.value).join(', ');
  return problem(path, 'unknown_option', `${JSON.stringify(value)} 不是「${field.label['zh-CN']}」的选项（${options}）`,
    `${JSON.stringify(value)} is not an option of ${field.label.en} (${options})`);
}
