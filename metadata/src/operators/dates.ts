/**
 * Date operators. A date is a `YYYY-MM-DD` string, a datetime an ISO 8601 string with a time and a zone; all
 * arithmetic is on the UTC calendar, and a result keeps the form of its input (a datetime comes back in UTC).
 * `today` is the date in China, where the platform's users are, wherever the server or the browser runs.
 */

type Unit = 'days' | 'months' | 'years';
interface Moment { ms: number; dateOnly: boolean }

const DAY_MS = 86_400_000;
/** Asia/Shanghai is UTC+8 all year (no daylight saving time since 1991). */
const CHINA_OFFSET_MS = 8 * 3_600_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

function parse(value: unknown): Moment | null {
  if (typeof value !== 'string') return null;
  const date = DATE.exec(value);
  if (date) {
    const ms = utc(Number(date[1]), Number(date[2]) - 1, Number(date[3]));
    // Date.UTC rolls 2024-02-30 over to March: a date that does not come back as written does not exist.
    return format(ms, true) === value ? { ms, dateOnly: true } : null;
  }
  const ms = DATETIME.test(value) ? Date.parse(value) : NaN;
  return Number.isNaN(ms) ? null : { ms, dateOnly: false };
}

/** Date.UTC maps the years 0–99 to 1900–1999; setUTCFullYear does not. */
function utc(year: number, month: number, day: number, timeMs = 0): number {
  const date = new Date(timeMs);
  date.setUTCFullYear(year, month, day);
  return date.getTime();
}

function format(ms: number, dateOnly: boolean): string | null {
  const date = new Date(ms);
  const year = date.getUTCFullYear();
  if (Number.isNaN(ms) || year < 0 || year > 9999) return null;
  return dateOnly ? date.toISOString().slice(0, 10) : date.toISOString();
}

function daysInMonth(year: number, month: number): number {
  return new Date(utc(year, month + 1, 0)).getUTCDate();
}

/** Month arithmetic clamps to the end of the month: 2024-01-31 plus one month is 2024-02-29. */
function addMonths(ms: number, months: number): number {
  const date = new Date(ms);
  const total = date.getUTCFullYear() * 12 + date.getUTCMonth() + months;
  const year = Math.floor(total / 12), month = total - year * 12;
  const day = Math.min(date.getUTCDate(), daysInMonth(year, month));
  return utc(year, month, day, ms - Math.floor(ms / DAY_MS) * DAY_MS);
}

function isUnit(unit: unknown): unit is Unit {
  return unit === 'days' || unit === 'months' || unit === 'years';
}

function shift(ms: number, n: number, unit: Unit): number {
  if (unit === 'days') return ms + n * DAY_MS;
  return addMonths(ms, unit === 'years' ? n * 12 : n);
}

/** The calendar date in China at `instant`, as `YYYY-MM-DD`. */
export function dateInChina(instant: Date): string {
  return new Date(instant.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

export function today(): string {
  return dateInChina(new Date());
}

export function now(): string {
  return new Date().toISOString();
}

/** [date, n, unit]: n whole days, months or years later (earlier when negative). */
export function dateAdd(value: unknown, n: unknown, unit: unknown): string | null {
  const moment = parse(value);
  if (!moment || !Number.isSafeInteger(n) || !isUnit(unit)) return null;
  return format(shift(moment.ms, n as number, unit), moment.dateOnly);
}

/**
 * [a, b, unit]: b − a in whole units, truncated toward zero. Months count as date_add does, so that
 * date_add(a, date_diff(a, b, unit), unit) never passes b.
 */
export function dateDiff(from: unknown, to: unknown, unit: unknown): number | null {
  const a = parse(from), b = parse(to);
  if (!a || !b || !isUnit(unit)) return null;
  if (unit === 'days') return Math.trunc((b.ms - a.ms) / DAY_MS) || 0; // no -0
  const start = new Date(a.ms), end = new Date(b.ms);
  let months = (end.getUTCFullYear() - start.getUTCFullYear()) * 12 + end.getUTCMonth() - start.getUTCMonth();
  if (months > 0 && addMonths(a.ms, months) > b.ms) months--;
  if (months < 0 && addMonths(a.ms, months) < b.ms) months++;
  return unit === 'years' ? Math.trunc(months / 12) || 0 : months;
}

/** [date, 'month' | 'quarter' | 'year']: the first day of that period (midnight UTC for a datetime). */
export function startOf(value: unknown, period: unknown): string | null {
  const moment = parse(value);
  if (!moment) return null;
  const date = new Date(moment.ms);
  const month = date.getUTCMonth();
  const first = period === 'month' ? month : period === 'quarter' ? month - (month % 3) : period === 'year' ? 0 : null;
  return first === null ? null : format(utc(date.getUTCFullYear(), first, 1), moment.dateOnly);
}
