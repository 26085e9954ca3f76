/**
 * What differs between two versions of a metadata document, as rows of the diff table: top-level properties as a
 * whole, except lists of named parts (an object's fields, a workflow's nodes, a layout's sections…), which are matched
 * by name and compared property by property.
 */
import type { MetadataDoc } from '../../../metadata/src/types.ts';

export interface DiffRow {
  path: string;
  before?: unknown;
  after?: unknown;
}

type Doc = Partial<MetadataDoc> | null | undefined;
type Named = Record<string, unknown> & { name: string };

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

const isNamedList = (value: unknown): value is Named[] =>
  Array.isArray(value) && value.every((item) => item !== null && typeof item === 'object' && typeof (item as Named).name === 'string');

function diffObjects(prefix: string, before: Record<string, unknown>, after: Record<string, unknown>): DiffRow[] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return keys.filter((key) => !same(before[key], after[key])).map((key) => ({ path: `${prefix}${key}`, before: before[key], after: after[key] }));
}

function diffNamedLists(key: string, before: Named[], after: Named[]): DiffRow[] {
  const byName = (items: Named[]) => new Map(items.map((item) => [item.name, item]));
  const [old, now] = [byName(before), byName(after)];
  return [...new Set([...old.keys(), ...now.keys()])].flatMap((name) => {
    const [a, b] = [old.get(name), now.get(name)];
    return !a || !b ? [{ path: `${key}.${name}`, before: a, after: b }] : diffObjects(`${key}.${name}.`, a, b);
  });
}

export function diffDocs(before: Doc, after: Doc): DiffRow[] {
  return diffObjects('', (before ?? {}) as Record<string, unknown>, (after ?? {}) as Record<string, unknown>).flatMap((row) => {
    const [a, b] = [row.before ?? [], row.after ?? []];
    return isNamedList(a) && isNamedList(b) ? diffNamedLists(row.path, a, b) : [row];
  });
}
