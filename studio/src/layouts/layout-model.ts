/**
 * A layout as the editor holds it, and back to the document the studio saves. Over a plugin's layout the saved
 * document is the custom layer: only the sections and list views the admin changed, each with only what changed
 * (the engine merges them by name, merge-layers.ts), new ones whole; a layout of the admin's own is saved whole.
 */
import type { Draft } from '../api/meta.ts';
import type { JsonLogic, Label, LayoutDoc, LayoutSection, ListViewDef } from '../../../metadata/src/types.ts';

export interface SectionModel {
  name: string;
  label: Label;
  columns: 1 | 2;
  fields: string[];
  /** The plugin's layout has it: merged by name, it can be emptied (a form skips it) but not removed. */
  fromPlugin: boolean;
}

export interface ListViewModel {
  name: string;
  label: Label;
  columns: string[];
  sort: string[];
  filter?: JsonLogic;
  pageSize?: number;
  fromPlugin: boolean;
}

export interface LayoutModel {
  name: string;
  object: string;
  label: Label;
  sections: SectionModel[];
  listViews: ListViewModel[];
}

/** The base layer's document, when a plugin ships the layout. */
export type BaseLayout = Partial<LayoutDoc> | null | undefined;

export function toModel(effective: LayoutDoc, base: BaseLayout): LayoutModel {
  const baseSections = new Set((base?.sections ?? []).map((s) => s.name));
  const baseViews = new Set((base?.listViews ?? []).map((v) => v.name));
  return {
    name: effective.name,
    object: effective.object,
    label: effective.label,
    sections: (effective.sections ?? []).map((s) => ({
      name: s.name, label: s.label, columns: s.columns ?? 1, fields: [...s.fields], fromPlugin: baseSections.has(s.name),
    })),
    listViews: (effective.listViews ?? []).map((v) => ({
      name: v.name,
      label: v.label,
      columns: [...v.columns],
      sort: [...(v.sort ?? [])],
      ...(v.filter !== undefined ? { filter: v.filter } : {}),
      ...(v.pageSize !== undefined ? { pageSize: v.pageSize } : {}),
      fromPlugin: baseViews.has(v.name),
    })),
  };
}

export function emptyModel(object: string, name: string, label: Label): LayoutModel {
  return { name, object, label, sections: [], listViews: [] };
}

/** The whole layout the model describes, as the engine will hold it once saved (what the preview renders). */
export function toLayoutDoc(model: LayoutModel): LayoutDoc {
  return {
    kind: 'layout',
    name: model.name,
    object: model.object,
    label: model.label,
    sections: model.sections.map(toSection),
    listViews: model.listViews.map(toListView),
  };
}

/** What to PUT: the whole layout, or over a plugin's the custom layer of what differs from it. */
export function toCustomDoc(model: LayoutModel, base: BaseLayout): Draft<'layout'> {
  if (!base) return toLayoutDoc(model);
  const draft: Draft<'layout'> = { kind: 'layout', name: model.name };
  if (!sameJson(base.label, model.label)) draft.label = model.label;
  const sections = overrides(model.sections.map(({ name, label, columns, fields }) => ({ name, label, columns, fields })), base.sections ?? []);
  // The custom layer's sections and views are partial (merged by name); LayoutDoc types the merged ones.
  if (sections.length) draft.sections = sections as LayoutSection[];
  const listViews = overrides(model.listViews.map(toListView), base.listViews ?? []);
  if (listViews.length) draft.listViews = listViews as ListViewDef[];
  return draft;
}

/** A plugin view's settings the model cleared: the custom layer can change them but not take them away. */
export function keptFromPlugin(view: ListViewModel, base: BaseLayout): ('filter' | 'sort' | 'pageSize')[] {
  const original = base?.listViews?.find((v) => v.name === view.name);
  if (!original) return [];
  const cleared = {
    filter: view.filter === undefined && original.filter !== undefined,
    sort: view.sort.length === 0 && (original.sort ?? []).length > 0,
    pageSize: view.pageSize === undefined && original.pageSize !== undefined,
  };
  return (['filter', 'sort', 'pageSize'] as const).filter((key) => cleared[key]);
}

function toSection(section: SectionModel): LayoutSection {
  return { name: section.name, label: section.label, ...(section.columns === 2 ? { columns: 2 } : {}), fields: section.fields };
}

function toListView(view: ListViewModel): ListViewDef {
  return {
    name: view.name,
    label: view.label,
    ...(view.filter !== undefined ? { filter: view.filter } : {}),
    columns: view.columns,
    ...(view.sort.length ? { sort: view.sort } : {}),
    ...(view.pageSize !== undefined ? { pageSize: view.pageSize } : {}),
  };
}

/** Each item new to the base whole; each base item changed as its name and the properties that differ. */
function overrides<T extends { name: string }>(items: T[], base: Partial<T>[]): Partial<T>[] {
  const byName = new Map(base.map((item) => [item.name, item]));
  return items.flatMap((item) => {
    const original = byName.get(item.name);
    if (!original) return [item];
    const changed = Object.entries(item).filter(([key, value]) => key !== 'name' && !sameJson(value, normalised(original, key)));
    return changed.length ? [{ name: item.name, ...Object.fromEntries(changed) } as Partial<T>] : [];
  });
}

/** A base section without `columns` has one (a list view always has its columns). */
function normalised(original: object, key: string): unknown {
  const value = (original as Record<string, unknown>)[key];
  return key === 'columns' && value === undefined ? 1 : value;
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
