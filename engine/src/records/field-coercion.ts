/**
 * Turns what forms and spreadsheets send into the value a column stores, or says why it can't.
 * Coercers are built once per field and allocate nothing on the happy path beyond the coerced value.
 */
import type { FieldDef, FieldType } from '../../../metadata/src/types.ts';

/** Why a value could not be coerced; `rule` becomes the FieldError's rule. */
export class CoercionFailure {
  constructor(readonly rule: 'type' | 'format' | 'scale' | 'min' | 'max' | 'too_large') {}
}

/** Returns the coerced value, or a CoercionFailure. */
export type Coercer = (value: unknown) => unknown;

const TYPE = new CoercionFailure('type');
const FORMAT = new CoercionFailure('format');
const SCALE = new CoercionFailure('scale');
const MIN = new CoercionFailure('min');
const MAX = new CoercionFailure('max');
const TOO_LARGE = new CoercionFailure('too_large');

const INT4_MIN = -2147483648;
const INT4_MAX = 2147483647;
const NUMERIC = /^[+-]?(\d+\.?\d*|\.\d+)$/;
const DATETIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}(:?\d{2})?)$/i;
const TRUE_WORDS = new Set(['true', '1', '是']);
const FALSE_WORDS = new Set(['false', '0', '否']);

/** Text types keep "" as given; every other type reads "" as null. */
const TEXT_FAMILY: ReadonlySet<FieldType> = new Set(['text', 'long_text', 'rich_text']);

export function coercerFor(field: FieldDef): Coercer {
  const coerce = baseCoercer(field);
  if (TEXT_FAMILY.has(field.type)) return (v) => (v === null ? null : coerce(v));
  return (v) => (v === null || v === '' ? null : coerce(v));
}

function baseCoercer(field: FieldDef): Coercer {
  switch (field.type) {
    case 'number': case 'percent': return toNumber;
    case 'integer': return toInteger;
    case 'money': return moneyCoercer(field);
    case 'boolean': return toBoolean;
    case 'date': return toDate;
    case 'datetime': return toDateTime;
    case 'multi_picklist': return toStringList;
    case 'geo_point': return toGeoPoint;
    default: return toString;
  }
}

/** PostgreSQL stores neither NUL nor a lone UTF-16 surrogate; refusing them beats storing something else. */
function toString(value: unknown): unknown {
  if (typeof value !== 'string') return TYPE;
  return value.isWellFormed() && !value.includes('\u0000') ? value : FORMAT;
}

function toNumber(value: unknown): unknown {
  if (typeof value === 'number') return Number.isFinite(value) ? value : TYPE;
  if (typeof value !== 'string') return TYPE;
  const text = value.trim();
  return NUMERIC.test(text) ? Number(text) : TYPE;
}

function toInteger(value: unknown): unknown {
  const n = toNumber(value);
  return typeof n === 'number' && Number.isInteger(n) && n >= INT4_MIN && n <= INT4_MAX ? n : TYPE;
}

/** Money columns are numeric(18, scale). */
const MONEY_PRECISION = 18;

/**
 * Money stays a decimal string (never a float) so numeric columns keep every cent, written the way PostgreSQL
 * gives it back ("7.5" → "7.50"), so what the audit records is what the column holds.
 */
function moneyCoercer(field: FieldDef): Coercer {
  const scale = field.scale ?? 2;
  return (value) => {
    const text = typeof value === 'number' && Number.isFinite(value) ? String(value)
      : typeof value === 'string' ? withoutPlus(value.trim()) : '';
    if (!NUMERIC.test(text)) return TYPE;
    const negative = text.startsWith('-');
    const [whole, fraction = ''] = (negative ? text.slice(1) : text).split('.');
    if (fraction.length > scale) return SCALE;
    const digits = whole.replace(/^0+(?=\d)/, '') || '0';
    if (digits.length > MONEY_PRECISION - scale) return TOO_LARGE;
    const amount = Number(text);
    if (field.min !== undefined && amount < field.min) return MIN;
    if (field.max !== undefined && amount > field.max) return MAX;
    const normalized = scale ? `${digits}.${fraction.padEnd(scale, '0')}` : digits;
    return negative && /[1-9]/.test(normalized) ? `-${normalized}` : normalized;
  };
}

function withoutPlus(text: string): string {
  return text.startsWith('+') ? text.slice(1) : text;
}

function toBoolean(value: unknown): unknown {
  if (typeof value === 'boolean') return value;
  const word = typeof value === 'string' ? value.trim().toLowerCase() : typeof value === 'number' ? String(value) : '';
  if (TRUE_WORDS.has(word)) return true;
  return FALSE_WORDS.has(word) ? false : TYPE;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** `YYYY-MM-DD` at the start of `text`, and a day that exists. Read by char codes: this runs on every date. */
function startsWithRealDate(text: string): boolean {
  if (text.length < 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return false;
  const year = digits(text, 0, 4), month = digits(text, 5, 7), day = digits(text, 8, 10);
  if (year < 1 || month < 1 || month > 12 || day < 1) return false; // PostgreSQL has no year 0
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]);
}

function digits(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

function toDate(value: unknown): unknown {
  if (typeof value !== 'string') return TYPE;
  return value.length === 10 && startsWithRealDate(value) ? value : FORMAT;
}

/** Already what toISOString gives (what the API returns): no need to parse and print it again. */
const CANONICAL_UTC = /^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{3}Z$/;

function toDateTime(value: unknown): unknown {
  if (typeof value !== 'string') return TYPE;
  if (!DATETIME.test(value) || !startsWithRealDate(value)) return FORMAT;
  if (CANONICAL_UTC.test(value)) return value;
  const time = Date.parse(value.replace(' ', 'T'));
  return Number.isNaN(time) || new Date(time).getUTCFullYear() < 1 ? FORMAT : new Date(time).toISOString();
}

function toStringList(value: unknown): unknown {
  if (typeof value === 'string') return value.split(/[,;]/).map((s) => s.trim()).filter((s) => s !== '');
  if (!Array.isArray(value)) return TYPE;
  return value.every((item) => typeof item === 'string') ? value : TYPE;
}

function toGeoPoint(value: unknown): unknown {
  let lat: unknown, lng: unknown;
  if (typeof value === 'string') {
    const parts = value.split(',');
    if (parts.length !== 2) return FORMAT;
    [lat, lng] = parts;
  } else if (typeof value === 'object' && !Array.isArray(value)) ({ lat, lng } = value as { lat?: unknown; lng?: unknown });
  else return TYPE;
  const point = { lat: toNumber(lat ?? ''), lng: toNumber(lng ?? '') };
  const valid = typeof point.lat === 'number' && typeof point.lng === 'number'
    && Math.abs(point.lat) <= 90 && Math.abs(point.lng) <= 180;
  return valid ? point : FORMAT;
}
