/** The notification helpers' formatting: dates in Asia/Shanghai, CNY amounts, record links. Pure; never throws. */

/** China has no daylight saving time since 1991: Asia/Shanghai is UTC+8 for every date a record holds. */
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `2026-11-25`, or `2026-11-25 14:05` with `style` 'datetime'; '' for what is not a date. */
export function formatDate(value: unknown, style: 'date' | 'datetime' = 'date'): string {
  if (typeof value === 'string' && DATE_ONLY.test(value)) return style === 'date' ? value : `${value} 00:00`;
  const date = value instanceof Date ? value : typeof value === 'string' || typeof value === 'number' ? new Date(value) : undefined;
  if (!date || Number.isNaN(date.getTime())) return '';
  const local = new Date(date.getTime() + SHANGHAI_OFFSET_MS).toISOString(); // yyyy-mm-ddThh:mm…
  if (!/^\d{4}-/.test(local)) return ''; // years beyond 9999 or before 0
  return style === 'date' ? local.slice(0, 10) : `${local.slice(0, 10)} ${local.slice(11, 16)}`;
}

const DECIMAL = /^(-?)(\d{1,30})(?:\.(\d{1,30}))?$/;

/**
 * `¥1,234,567.89` from a numeric string (as money columns come back) or a number, rounded half away from zero
 * to 2 decimals in decimal arithmetic (no float error); '' for what is not a number.
 */
export function formatMoney(value: unknown): string {
  const text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : typeof value === 'string' ? value.trim() : '';
  const match = DECIMAL.exec(text);
  if (!match) return '';
  const [, sign, whole, fraction = ''] = match;
  const cents = BigInt(whole + (fraction + '00').slice(0, 2)) + (Number(fraction[2] ?? '0') >= 5 ? 1n : 0n);
  const digits = cents.toString().padStart(3, '0');
  const units = digits.slice(0, -2).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign && cents > 0n ? '-' : ''}¥${units}.${digits.slice(-2)}`;
}

const NAME = /^[a-z][a-z0-9_]{0,47}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The base URL of record pages, checked once: http(s) only, no credentials, no query or fragment. Anything else
 * (javascript:, data:, …) is refused, so links are never built from a scheme someone typed into a record.
 */
export function parseBaseUrl(text: string): URL {
  const url = new URL(text);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`QUDAO_PUBLIC_URL must be http(s): ${url.protocol}`);
  if (url.username || url.password || url.search || url.hash) throw new Error('QUDAO_PUBLIC_URL must be a plain http(s) URL');
  return url;
}

/** `<base>/o/<object>/<id>`, the record's page in the web app; '' unless the object is a name and the id a UUID (record text never shapes it). */
export function recordLink(base: URL | undefined, object: unknown, id: unknown): string {
  if (!base || typeof object !== 'string' || typeof id !== 'string' || !NAME.test(object) || !UUID.test(id)) return '';
  return new URL(`${base.pathname.replace(/\/$/, '')}/o/${object}/${id.toLowerCase()}`, base).href;
}
