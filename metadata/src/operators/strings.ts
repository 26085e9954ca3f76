/** Text operators. A wrong type gives null (or false for the predicates), never an exception. */

/** A string's length in code points (an emoji or a rare CJK character counts once), or an array's length. */
export function length(value: unknown): number | null {
  if (typeof value === 'string') return [...value].length;
  return Array.isArray(value) ? value.length : null;
}

export function trim(value: unknown): string | null {
  return typeof value === 'string' ? value.trim() : null;
}

export function upper(value: unknown): string | null {
  return typeof value === 'string' ? value.toUpperCase() : null;
}

export function lower(value: unknown): string | null {
  return typeof value === 'string' ? value.toLowerCase() : null;
}

/** [haystack, needle]: a string contains a substring, or an array holds an element (===, NaN finds NaN). */
export function contains(haystack: unknown, needle: unknown): boolean {
  if (typeof haystack === 'string') return typeof needle === 'string' && haystack.includes(needle);
  return Array.isArray(haystack) && haystack.includes(needle);
}

/** null, a string of white space only (full-width U+3000 included) or an empty array. */
export function isBlank(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === 'string') return value.trim() === '';
  return Array.isArray(value) && value.length === 0;
}
