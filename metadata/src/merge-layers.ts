/** The effective definition of a document: a plugin's base layer with an admin's custom layer on top. */
import type { FieldDef, IndexDef, Label, MetadataDoc, ObjectDoc } from './types.ts';

/**
 * Custom overrides base. Labels merge per locale; object fields merge by name (a custom field overrides the
 * base field's properties, `options` as a whole; new custom fields are appended; `{ name, removed: true }`
 * removes a base field); indexes are the union. Custom documents may be partial.
 */
export function mergeLayers<T extends MetadataDoc>(base: T | undefined, custom: T | undefined): T | undefined {
  if (!base || !custom) return custom ?? base;
  const merged = mergeShallow(base, custom) as T;
  if (merged.kind !== 'object') return merged;
  const [baseObject, customObject] = [base as ObjectDoc, custom as Partial<ObjectDoc>];
  return {
    ...merged,
    fields: mergeFields(baseObject.fields ?? [], customObject.fields ?? []),
    ...mergeIndexes(baseObject.indexes, customObject.indexes),
  };
}

/** Shallow override, with the label-like properties merged per locale. */
function mergeShallow<T extends object>(base: T, custom: Partial<T>): T {
  const merged: Record<string, unknown> = { ...base, ...custom };
  for (const key of ['label', 'description', 'message']) {
    const labels = mergeLabel((base as Record<string, unknown>)[key], (custom as Record<string, unknown>)[key]);
    if (labels) merged[key] = labels;
  }
  return merged as T;
}

function mergeLabel(base: unknown, custom: unknown): Partial<Label> | undefined {
  if (!base || !custom) return (custom ?? base) as Partial<Label> | undefined;
  return { ...(base as Partial<Label>), ...(custom as Partial<Label>) };
}

function mergeFields(base: FieldDef[], custom: Partial<FieldDef>[]): FieldDef[] {
  const overrides = new Map(custom.map((f) => [f.name, f]));
  const merged = base.map((f) => {
    const override = overrides.get(f.name);
    return override ? mergeShallow(f, override) : f;
  });
  const baseNames = new Set<string | undefined>(base.map((f) => f.name));
  return [...merged, ...custom.filter((f) => !baseNames.has(f.name)) as FieldDef[]];
}

function mergeIndexes(base: IndexDef[] | undefined, custom: IndexDef[] | undefined): { indexes?: IndexDef[] } {
  if (!base && !custom) return {};
  const byFields = new Map<string, IndexDef>();
  for (const index of [...(base ?? []), ...(custom ?? [])]) byFields.set(index.fields.join(','), index);
  return { indexes: [...byFields.values()] };
}
