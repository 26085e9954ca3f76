/** Keyset pagination: the rows strictly after a cursor row in the order of `orderByFragment`. */
import { placeholder, type SqlFragment } from './filter-sql.ts';
import type { SortKey } from './sort.ts';

/** System columns that are NOT NULL in every object table. */
const NEVER_NULL = new Set(['id', 'created_at', 'updated_at', 'version']);

export function keysetPredicate(keys: SortKey[], after: unknown[]): SqlFragment {
  const rowValueFits = keys.every((k, i) => NEVER_NULL.has(k.column) && k.descending === keys[0].descending && after[i] !== null);
  return rowValueFits ? rowValue(keys, after) : expanded(keys, after);
}

/** `(a, b, id) > (?, ?, ?)`: the form PostgreSQL can answer from a composite index. */
function rowValue(keys: SortKey[], after: unknown[]): SqlFragment {
  return {
    sql: `(${keys.map(() => '??').join(', ')}) ${keys[0].descending ? '<' : '>'} (${keys.map((k) => placeholder(k.type)).join(', ')})`,
    bindings: [...keys.map((k) => k.identifier), ...after],
  };
}

/** (a after x) OR (a = x AND b after y) OR ..., with nulls last when ascending and first when descending. */
function expanded(keys: SortKey[], after: unknown[]): SqlFragment {
  const terms: SqlFragment[] = [];
  keys.forEach((key, i) => {
    const beyond = strictlyAfter(key, after[i]);
    if (!beyond) return;
    const parts = [...keys.slice(0, i).map((k, j) => equal(k, after[j])), beyond];
    terms.push({ sql: parts.map((p) => p.sql).join(' AND '), bindings: parts.flatMap((p) => p.bindings) });
  });
  if (!terms.length) return { sql: 'FALSE', bindings: [] };
  return { sql: terms.map((t) => `(${t.sql})`).join(' OR '), bindings: terms.flatMap((t) => t.bindings) };
}

function equal(key: SortKey, value: unknown): SqlFragment {
  if (value === null) return { sql: '?? IS NULL', bindings: [key.identifier] };
  return { sql: `?? = ${placeholder(key.type)}`, bindings: [key.identifier, value] };
}

/** Undefined when nothing can follow the value in this key (a null, which sorts last, when ascending). */
function strictlyAfter(key: SortKey, value: unknown): SqlFragment | undefined {
  const nullable = !NEVER_NULL.has(key.column);
  if (value === null) return key.descending ? { sql: '?? IS NOT NULL', bindings: [key.identifier] } : undefined;
  const compare = `?? ${key.descending ? '<' : '>'} ${placeholder(key.type)}`;
  if (key.descending || !nullable) return { sql: compare, bindings: [key.identifier, value] };
  return { sql: `(${compare} OR ?? IS NULL)`, bindings: [key.identifier, value, key.identifier] };
}

/** The sort values of a page's last row, ready for `encodeCursor`. */
export function cursorValues(keys: SortKey[], row: Record<string, unknown>): unknown[] {
  return keys.map((key) => {
    const value = row[key.column] ?? null;
    if (!(value instanceof Date)) return value;
    // node-postgres reads a date column as local midnight; a datetime keeps its instant.
    return key.type === 'date' ? localDate(value) : value.toISOString();
  });
}

function localDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${String(date.getFullYear()).padStart(4, '0')}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
