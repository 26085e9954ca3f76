/**
 * Compiles the SQL subset of JsonLogic (DESIGN.md "One expression language") into a WHERE fragment for
 * `knex.raw`. Identifiers come only from the caller's column resolver; every request value is a binding
 * checked against its column's type first, so PostgreSQL never rejects what we send it. What reads nothing of the
 * record is evaluated before compiling (jsonlogic-fold.ts) and bound like a literal. Each condition on one
 * field says whether it holds for an empty field, so a resolver can carry it through lookups (`ColumnInfo.through`).
 */
import { foldConstants } from '../../../metadata/src/jsonlogic-fold.ts';
import type { FieldType, JsonLogic, Label } from '../../../metadata/src/types.ts';
import { QudaoError } from '../errors/catalog.ts';

export interface SqlFragment { sql: string; bindings: unknown[] }
export type ColumnType = FieldType | 'uuid' | 'datetime' | 'integer';
export interface ColumnInfo {
  /** The column, bound to `??`: `t.level`, or for a field lookups away its column on the related row (`r0.region`). */
  identifier: string;
  type: ColumnType;
  /**
   * For a field lookups away: turns a condition on `identifier` into one on the record. `matchesEmpty` says the
   * condition holds when the field is empty (`== null`, `!=`, `in` a list holding null).
   */
  through?: (condition: SqlFragment, matchesEmpty: boolean) => SqlFragment;
}
export type ColumnResolver = (name: string) => ColumnInfo | undefined;

export const MAX_FILTER_DEPTH = 32;
export const MAX_FILTER_NODES = 500;

type ValueKind = 'integer' | 'number' | 'date' | 'datetime' | 'boolean' | 'uuid' | 'text' | 'array' | 'none';

const KIND_OF: Partial<Record<ColumnType, ValueKind>> = {
  integer: 'integer', number: 'number', money: 'number', percent: 'number', boolean: 'boolean',
  date: 'date', datetime: 'datetime', uuid: 'uuid', lookup: 'uuid', master_detail: 'uuid', file: 'uuid',
  image: 'uuid', multi_picklist: 'array', geo_point: 'none', formula: 'none', rollup: 'none',
};

export function valueKind(type: ColumnType): ValueKind {
  return KIND_OF[type] ?? 'text';
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME = /^(\d{4}-\d{2}-\d{2})(?:[T ]([01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,6})?)?(?:Z|[+-](?:0\d|1[0-4])(?::?[0-5]\d)?)?)?$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// No exponent: PostgreSQL's float8 input refuses values that underflow, numeric does not.
const DECIMAL = /^-?\d{1,30}(\.\d{1,30})?$/;

function isRealDate(text: string): boolean {
  const m = DATE.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return y >= 1 && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

const FITS: Record<ValueKind, (v: unknown) => boolean> = {
  integer: (v) => Number.isSafeInteger(typeof v === 'string' && /^-?\d{1,16}$/.test(v) ? Number(v) : v),
  number: (v) => (typeof v === 'number' && Number.isFinite(v)) || (typeof v === 'string' && DECIMAL.test(v)),
  date: (v) => typeof v === 'string' && isRealDate(v),
  datetime: (v) => typeof v === 'string' && DATETIME.test(v) && isRealDate(DATETIME.exec(v)![1]),
  boolean: (v) => typeof v === 'boolean',
  uuid: (v) => typeof v === 'string' && UUID.test(v),
  text: (v) => typeof v === 'string' && !v.includes('\u0000'),
  array: () => false,
  none: () => false,
};

/** Whether a non-null JSON value can be bound against a column of this type without a database error. */
export function literalFits(type: ColumnType, value: unknown): boolean {
  return FITS[valueKind(type)](value);
}

/** The placeholder for a value of this column; integers are cast so int4 and int8 columns both accept them. */
export function placeholder(type: ColumnType): string {
  return valueKind(type) === 'integer' ? '?::bigint' : '?';
}

const EXPECTED: Record<Exclude<ValueKind, 'array' | 'none'>, Label> = {
  integer: { 'zh-CN': '整数', en: 'a whole number' },
  number: { 'zh-CN': '数字', en: 'a number' },
  date: { 'zh-CN': 'YYYY-MM-DD 格式的有效日期', en: 'a real date as YYYY-MM-DD' },
  datetime: { 'zh-CN': 'ISO 8601 日期时间', en: 'an ISO 8601 date-time' },
  boolean: { 'zh-CN': 'true 或 false', en: 'true or false' },
  uuid: { 'zh-CN': 'UUID', en: 'a UUID' },
  text: { 'zh-CN': '文本', en: 'a text' },
};

function invalid(path: string, rule: string, zh: string, en: string): QudaoError {
  return new QudaoError('FILTER_INVALID', [{ field: path, rule, message: { 'zh-CN': zh, en } }]);
}

const pointer = (path: string, key: string | number): string =>
  `${path}/${String(key).replaceAll('~', '~0').replaceAll('/', '~1')}`;
const raw = (sql: string, bindings: unknown[] = []): SqlFragment => ({ sql, bindings });
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A condition on one field, carried through the lookups that reach it when the field is a lookup path. */
const onField = (col: ColumnInfo, condition: SqlFragment, matchesEmpty: boolean): SqlFragment =>
  col.through ? col.through(condition, matchesEmpty) : condition;

interface Arg { value: unknown; path: string }
interface Ctx { resolve: ColumnResolver; nodes: number }
type Operand = { col: ColumnInfo; path: string } | { literal: unknown; path: string };
type Compiler = (op: string, args: Arg[], path: string, ctx: Ctx, depth: number) => SqlFragment;

/**
 * Parts that read nothing of the record (`{"date_add": [{"today": []}, 60, "days"]}`) are evaluated first, at `at`
 * (now unless given), and bound as values: they mean here what they mean in JavaScript.
 */
export function compileFilter(expr: unknown, resolve: ColumnResolver, at: Date = new Date()): SqlFragment {
  return condition({ value: foldConstants(expr as JsonLogic, at), path: '' }, { resolve, nodes: 0 }, 0);
}

function visit(ctx: Ctx, path: string, depth: number): void {
  if (depth > MAX_FILTER_DEPTH) {
    throw invalid(path, 'too_deep', `筛选条件嵌套超过 ${MAX_FILTER_DEPTH} 层`, `the filter is nested deeper than ${MAX_FILTER_DEPTH} levels`);
  }
  if (++ctx.nodes > MAX_FILTER_NODES) {
    throw invalid(path, 'too_large', `筛选条件超过 ${MAX_FILTER_NODES} 个节点`, `the filter has more than ${MAX_FILTER_NODES} nodes`);
  }
}

function condition(arg: Arg, ctx: Ctx, depth: number): SqlFragment {
  visit(ctx, arg.path, depth);
  if (typeof arg.value === 'boolean') return raw(arg.value ? 'TRUE' : 'FALSE');
  const keys = isObject(arg.value) ? Object.keys(arg.value) : [];
  if (keys.length !== 1) {
    throw invalid(arg.path, 'not_a_condition', '此处需要一个条件，例如 {"==": [{"var": "字段"}, 值]}',
      'a condition is needed here, e.g. {"==": [{"var": "field"}, value]}');
  }
  const op = keys[0];
  const path = pointer(arg.path, op);
  const body = (arg.value as Record<string, unknown>)[op];
  if (op === 'var') return booleanVar(body, path, ctx);
  const compile = OPERATORS.get(op);
  if (!compile) throw invalid(path, 'unknown_operator', `运算符 "${op}" 不能在数据库中执行`, `the operator "${op}" cannot run in the database`);
  const args = Array.isArray(body) ? body.map((value, i) => ({ value, path: pointer(path, i) })) : [{ value: body, path }];
  return compile(op, args, path, ctx, depth + 1);
}

function expectArity(args: Arg[], count: number, path: string): void {
  if (args.length !== count) throw invalid(path, 'arity', `此运算符需要 ${count} 个参数`, `this operator takes ${count} arguments`);
}

function resolveVar(body: unknown, path: string, ctx: Ctx): ColumnInfo {
  const [name, namePath] = Array.isArray(body) && body.length === 1 ? [body[0], pointer(path, 0)] : [body, path];
  if (typeof name !== 'string' || name === '') {
    throw invalid(path, 'bad_var', 'var 需要一个字段名（不支持默认值）', 'var needs one field name (defaults are not supported)');
  }
  const col = ctx.resolve(name);
  if (!col && name.includes('.')) {
    throw invalid(namePath, 'lookup_path', `"${name}" 不是可筛选的关联路径（经查找字段，最多两层）`, `"${name}" is not a lookup path this object can filter on (through lookup fields, at most two deep)`);
  }
  if (!col) throw invalid(namePath, 'unknown_field', `字段 "${name}" 不存在`, `there is no field "${name}"`);
  if (valueKind(col.type) === 'none') throw invalid(namePath, 'not_filterable', `字段 "${name}" 不能在数据库中筛选`, `the field "${name}" cannot be filtered in the database`);
  return col;
}

function operand(arg: Arg, ctx: Ctx, depth: number): Operand {
  visit(ctx, arg.path, depth);
  const v = arg.value;
  if (isObject(v) && Object.keys(v).length === 1 && 'var' in v) {
    return { col: resolveVar(v.var, pointer(arg.path, 'var'), ctx), path: arg.path };
  }
  if (typeof v === 'object' && v !== null) {
    throw invalid(arg.path, 'not_a_literal', '此处只能是字段 {"var": ...}、字面值或不读字段的表达式（如 {"today": []}），其他不能在数据库中执行',
      'only a field {"var": ...}, a literal value or an expression that reads no field (e.g. {"today": []}) can run in the database here');
  }
  return { literal: v, path: arg.path };
}

function bind(col: ColumnInfo, value: unknown, path: string): SqlFragment {
  if (literalFits(col.type, value)) return raw(placeholder(col.type), [value]);
  if (valueKind(col.type) === 'array') {
    throw invalid(path, 'multi_picklist', '多选字段只能用 in 或与 null 比较', 'a multi-picklist field works only with in or a null check');
  }
  const want = EXPECTED[valueKind(col.type) as Exclude<ValueKind, 'array' | 'none'>];
  throw invalid(path, 'literal_type', `此值需要是${want['zh-CN']}`, `this value needs to be ${want.en}`);
}

/** One field and one literal, in either order; `flipped` says the field was on the right. */
function fieldAndLiteral(args: Arg[], path: string, ctx: Ctx, depth: number) {
  const [a, b] = args.map((arg) => operand(arg, ctx, depth));
  if ('col' in a && 'literal' in b) return { col: a.col, literal: b.literal, litPath: b.path, flipped: false };
  if ('literal' in a && 'col' in b) return { col: b.col, literal: a.literal, litPath: a.path, flipped: true };
  if ('col' in a) throw invalid(b.path, 'two_fields', '暂不支持两个字段相互比较', 'comparing two fields is not supported');
  throw invalid(path, 'two_literals', '比较需要一个字段 {"var": ...}', 'a comparison needs a field {"var": ...}');
}

const FLIP: Record<string, string> = { '<': '>', '<=': '>=', '>': '<', '>=': '<=' };
const ORDERABLE = new Set<ValueKind>(['integer', 'number', 'date', 'datetime', 'text']);

const equality: Compiler = (op, args, path, ctx, depth) => {
  expectArity(args, 2, path);
  const { col, literal, litPath } = fieldAndLiteral(args, path, ctx, depth);
  const negated = op.startsWith('!');
  if (literal === null) return onField(col, raw(`?? IS ${negated ? 'NOT ' : ''}NULL`, [col.identifier]), !negated);
  const value = bind(col, literal, litPath);
  // JsonLogic's null != 5 is true, so "not equal" keeps the rows where the field is empty.
  return onField(col, raw(`?? ${negated ? 'IS DISTINCT FROM' : '='} ${value.sql}`, [col.identifier, ...value.bindings]), negated);
};

function ordered(col: ColumnInfo, sqlOp: string, literal: unknown, litPath: string): SqlFragment {
  if (!ORDERABLE.has(valueKind(col.type))) {
    throw invalid(litPath, 'not_orderable', '此字段类型不支持大小比较', 'this field type cannot be compared with < or >');
  }
  if (literal === null) throw invalid(litPath, 'null_comparison', '只有 == 和 != 能与 null 比较', 'only == and != can compare with null');
  const value = bind(col, literal, litPath);
  return raw(`?? ${sqlOp} ${value.sql}`, [col.identifier, ...value.bindings]);
}

const comparison: Compiler = (op, args, path, ctx, depth) => {
  if (args.length === 3 && (op === '<' || op === '<=')) return between(op, args, path, ctx, depth);
  expectArity(args, 2, path);
  const { col, literal, litPath, flipped } = fieldAndLiteral(args, path, ctx, depth);
  return onField(col, ordered(col, flipped ? FLIP[op] : op, literal, litPath), false);
};

/** JsonLogic's `{"<=": [low, {"var": "x"}, high]}`. */
function between(op: string, args: Arg[], path: string, ctx: Ctx, depth: number): SqlFragment {
  const [low, mid, high] = args.map((arg) => operand(arg, ctx, depth));
  if (!('col' in mid) || !('literal' in low) || !('literal' in high)) {
    throw invalid(path, 'between_shape', '区间比较需要 [值, {"var": ...}, 值]', 'a between needs [value, {"var": ...}, value]');
  }
  const parts = [ordered(mid.col, FLIP[op], low.literal, low.path), ordered(mid.col, op, high.literal, high.path)];
  return onField(mid.col, join(parts, ' AND ', 'TRUE'), false);
}

const inOperator: Compiler = (_op, args, path, ctx, depth) => {
  expectArity(args, 2, path);
  const [needle, haystack] = args;
  if (Array.isArray(haystack.value)) return inList(needle, haystack, ctx, depth);
  const [item, field] = [operand(needle, ctx, depth), operand(haystack, ctx, depth)];
  const kind = 'col' in field ? valueKind(field.col.type) : 'none';
  if (!('col' in field) || (kind !== 'text' && kind !== 'array')) {
    throw invalid(haystack.path, 'bad_haystack', 'in 的第二个参数需要是值列表、文本字段或多选字段',
      'the second argument of in needs to be a list of values, a text field or a multi-picklist field');
  }
  if (!('literal' in item) || !FITS.text(item.literal)) throw invalid(needle.path, 'literal_type', '此值需要是文本', 'this value needs to be a text');
  const { identifier } = field.col;
  // strpos finds '' even in '', but JsonLogic treats an empty haystack as containing nothing.
  const found = kind === 'array' ? raw('? = ANY(??)', [item.literal, identifier])
    : item.literal === '' ? raw(`?? <> ''`, [identifier]) : raw('strpos(??, ?) > 0', [identifier, item.literal]);
  return onField(field.col, found, false);
};

function inList(needle: Arg, haystack: Arg, ctx: Ctx, depth: number): SqlFragment {
  const field = operand(needle, ctx, depth);
  if (!('col' in field)) throw invalid(needle.path, 'not_a_field', 'in 列表的第一个参数需要是字段 {"var": ...}', 'the first argument of in with a list needs to be a field {"var": ...}');
  const items = (haystack.value as unknown[]).map((value, i) => {
    const item = operand({ value, path: pointer(haystack.path, i) }, ctx, depth + 1);
    if ('col' in item) throw invalid(item.path, 'not_a_literal', 'in 列表只能包含字面值', 'an in list can hold literal values only');
    return item;
  });
  const values = items.filter((item) => item.literal !== null).map((item) => bind(field.col, item.literal, item.path));
  const parts: SqlFragment[] = [];
  if (values.length) parts.push(raw(`?? IN (${values.map((v) => v.sql).join(', ')})`, [field.col.identifier, ...values.flatMap((v) => v.bindings)]));
  // JsonLogic finds a missing value when the list holds null.
  const withNull = values.length < items.length;
  if (withNull) parts.push(raw('?? IS NULL', [field.col.identifier]));
  return onField(field.col, join(parts, ' OR ', 'FALSE'), withNull);
}

const like: Compiler = (op, args, path, ctx, depth) => {
  expectArity(args, 2, path);
  const [field, pattern] = args.map((arg) => operand(arg, ctx, depth));
  if (!('col' in field) || valueKind(field.col.type) !== 'text') {
    throw invalid(field.path, 'not_a_text_field', `${op} 的第一个参数需要是文本字段`, `the first argument of ${op} needs to be a text field`);
  }
  const text = 'literal' in pattern ? pattern.literal : undefined;
  // PostgreSQL rejects a pattern that ends in a lone escape character.
  if (!FITS.text(text) || /(^|[^\\])(\\\\)*\\$/.test(text as string)) {
    throw invalid(pattern.path, 'bad_pattern', `${op} 的第二个参数需要是文本模式，且不能以单个 \\ 结尾`, `the second argument of ${op} needs to be a text pattern not ending in a single \\`);
  }
  return onField(field.col, raw(`?? ${op.toUpperCase()} ?`, [field.col.identifier, text]), false);
};

/** `region_in` [code field, province or city code]: the same prefix rule as the JS operator, as a LIKE on the code. */
const regionIn: Compiler = (op, args, path, ctx, depth) => {
  expectArity(args, 2, path);
  const [field, ancestor] = args.map((arg) => operand(arg, ctx, depth));
  if (!('col' in field) || valueKind(field.col.type) !== 'text') {
    throw invalid(field.path, 'not_a_text_field', `${op} 的第一个参数需要是行政区划字段`, `the first argument of ${op} needs to be a region field`);
  }
  const code = 'literal' in ancestor ? ancestor.literal : undefined;
  if (typeof code !== 'string' || !/^\d{6}$/.test(code)) {
    throw invalid(ancestor.path, 'bad_region', `${op} 的第二个参数需要是 6 位行政区划代码`, `the second argument of ${op} needs to be a six-digit region code`);
  }
  const prefix = code.endsWith('0000') ? code.slice(0, 2) : code.endsWith('00') ? code.slice(0, 4) : code;
  const match = prefix === code ? raw('?? = ?', [field.col.identifier, code]) : raw('?? LIKE ?', [field.col.identifier, `${prefix}%`]);
  return onField(field.col, match, false);
};

function join(parts: SqlFragment[], separator: string, empty: string): SqlFragment {
  if (!parts.length) return raw(empty);
  if (parts.length === 1) return parts[0];
  return raw(parts.map((p) => `(${p.sql})`).join(separator), parts.flatMap((p) => p.bindings));
}

// An empty and/or evaluates to undefined in json-logic-js, which is falsy, so both become FALSE.
const logical: Compiler = (op, args, _path, ctx, depth) =>
  join(args.map((arg) => condition(arg, ctx, depth)), op === 'and' ? ' AND ' : ' OR ', 'FALSE');

// IS [NOT] TRUE maps SQL's NULL to false, as JsonLogic's truthiness does.
const not: Compiler = (op, args, path, ctx, depth) => {
  expectArity(args, 1, path);
  const inner = condition(args[0], ctx, depth);
  return raw(`(${inner.sql}) IS ${op === '!' ? 'NOT ' : ''}TRUE`, inner.bindings);
};

function booleanVar(body: unknown, path: string, ctx: Ctx): SqlFragment {
  const col = resolveVar(body, path, ctx);
  if (valueKind(col.type) !== 'boolean') {
    throw invalid(path, 'not_boolean', '只有布尔字段可以单独作为条件', 'only a boolean field can stand alone as a condition');
  }
  return onField(col, raw('?? IS TRUE', [col.identifier]), false);
}

const OPERATORS = new Map<string, Compiler>([
  ['==', equality], ['===', equality], ['!=', equality], ['!==', equality],
  ['<', comparison], ['<=', comparison], ['>', comparison], ['>=', comparison],
  ['in', inOperator], ['like', like], ['ilike', like], ['region_in', regionIn],
  ['and', logical], ['or', logical], ['!', not], ['!!', not],
]);

/** The operators compiled here besides `var`; metadata's SQL_OPERATORS lists the same for the web apps. */
export const COMPILED_OPERATORS: ReadonlySet<string> = new Set(OPERATORS.keys());
