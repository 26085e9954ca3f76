/**
 * What differs between two versions of an object document, as rows of the diff table: top-level properties as a
 * whole, fields matched by name and compared property by property.
 */
import type { FieldDef, ObjectDoc } from '../../../metadata/src/types.ts';

export interface DiffRow {
  path: string;
  before?: unknown;
  after?: unknown;
}

type Doc = Partial<ObjectDoc> | null | undefined;

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function diffObjects(prefix: string, before: Record<string, unknown>, after: Record<string, unknown>): DiffRow[] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return keys.filter((key) => !same(before[key], after[key])).map((key) => ({ path: `${prefix}${key}`, before: before[key], after: after[key] }));
}

export function diffDocs(before: Doc, after: Doc): DiffRow[] {
  const { fields: beforeFields = [], ...beforeRest } = before ?? {};
  const { fields: afterFields = [], ...afterRest } = after ?? {};
  const rows = diffObjects('', beforeRest, afterRest);
  const byName = (fields: FieldDef[]) => new Map(fields.map((f) => [f.name, f]));
  const [old, now] = [byName(beforeFields), byName(afterFields)];
  for (const name of new Set([...old.keys(), ...now.keys()])) {
    const [a, b] = [old.get(name), now.get(name)];
    if (!a || !b) rows.push({ path: `fields.${name}`, before: a, after: b });
    else rows.push(...diffObjects(`fields.${name}.`, a as unknown as Record<string, unknown>, b as unknown as Record<string, unknown>));
  }
  return rows;
}
