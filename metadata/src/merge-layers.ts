/** The effective definition of a document: a plugin's base layer with an admin's custom layer on top. */
import type { IndexDef, Label, LayoutDoc, MetadataDoc, ObjectDoc } from './types.ts';

/**
 * Custom overrides base. Labels merge per locale; object fields, layout sections and list views merge by name
 * (a custom item overrides the base item's properties, arrays such as `options` or `columns` as a whole; new
 * custom items are appended; `{ name, removed: true }` removes a base field); indexes are the union. Custom
 * documents may be partial.
 */
export function mergeLayers<T extends MetadataDoc>(base: T | undefined, custom: T | undefined): T | undefined {
  if (!base || !custom) return custom ?? base;
  const merged = mergeShallow(base, custom) as T;
  if (merged.kind === 'layout') return { ...merged, ...mergeLayoutItems(base as LayoutDoc, custom as Partial<LayoutDoc>) };
  if (merged.kind !== 'object') return merged;
  const [baseObject, customObject] = [base as ObjectDoc, custom as Partial<ObjectDoc>];
  return {
    ...merged,
    fields: mergeNamed(baseObject.fields ?? [], customObject.fields ?? []),
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

/** Items matched by name: base order kept, each overridden shallowly; custom-only items appended. */
function mergeNamed<T extends { name: string }>(base: T[], custom: Partial<T>[]): T[] {
  const overrides = new Map(custom.map((item) => [item.name, item]));
  const merged = base.map((item) => {
    const override = overrides.get(item.name);
    return override ? mergeShallow(item, override) : item;
  });
  const baseNames = new Set<string | undefined>(base.map((item) => item.name));
  return [...merged, ...custom.filter((item) => !baseNames.has(item.name)) as T[]];
}

function mergeLayoutItems(base: LayoutDoc, custom: Partial<LayoutDoc>): Pick<LayoutDoc, 'sections' | 'listViews'> {
  const merged: Pick<LayoutDoc, 'sections' | 'listViews'> = {};
  if (base.sections || custom.sections) merged.sections = mergeNamed(base.sections ?? [], custom.sections ?? []);
  if (base.listViews || custom.listViews) merged.listViews = mergeNamed(base.listViews ?? [], custom.listViews ?? []);
  return merged;
}

function mergeIndexes(base: IndexDef[] | undefined, custom: IndexDef[] | undefined): { indexes?: IndexDef[] } {
  if (!base && !custom) return {};
  const byFields = new Map<string, IndexDef>();
  for (const index of [...(base ?? []), ...(custom ?? [])]) byFields.set(index.fields.join(','), index);
  return { indexes: [...byFields.values()] };
}
