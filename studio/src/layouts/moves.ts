/**
 * The editor's moves as pure functions: a field into a section (or back to the palette), a column into a list view,
 * new sections and views with free names, and where a drag ends from what it was dropped on.
 */
import type { Label } from '../../../metadata/src/types.ts';
import type { ListViewModel, SectionModel } from './layout-model.ts';

/** Drag ids: a container (a section, a view's columns, the palette) and an item in one share dnd-kit's id space. */
const ITEM = 'item:';
const CONTAINER = 'box:';
/** Not a metadata name, so no section is called that. */
export const PALETTE = '~palette';

export const itemId = (name: string) => `${ITEM}${name}`;
export const containerId = (name: string) => `${CONTAINER}${name}`;
export const itemOf = (id: string | number) => (String(id).startsWith(ITEM) ? String(id).slice(ITEM.length) : null);

export interface Drop {
  container: string;
  index: number;
}

/** Dropped on an item: its place (the dragged one takes it); on a container: its end. Null when on nothing known. */
export function dropOf(overId: string | number, containers: Record<string, readonly string[]>): Drop | null {
  const id = String(overId);
  if (id.startsWith(CONTAINER)) {
    const container = id.slice(CONTAINER.length);
    return container in containers ? { container, index: containers[container].length } : null;
  }
  const item = itemOf(id);
  for (const [container, items] of Object.entries(containers)) {
    const index = item === null ? -1 : items.indexOf(item);
    if (index >= 0) return { container, index };
  }
  return null;
}

/** The field out of whichever section holds it and into `to` at `index` (PALETTE: out of every section). */
export function moveField(sections: SectionModel[], field: string, to: string, index: number): SectionModel[] {
  return sections.map((section) => {
    const without = section.fields.filter((name) => name !== field);
    if (section.name !== to) return without.length === section.fields.length ? section : { ...section, fields: without };
    return { ...section, fields: insertAt(without, field, index) };
  });
}

/** The object's fields no section shows, in the object's order. */
export function unplaced(fields: readonly string[], sections: readonly SectionModel[]): string[] {
  const placed = new Set(sections.flatMap((s) => s.fields));
  return fields.filter((name) => !placed.has(name));
}

/** The column put at `index` of the view's columns (moved when it is there already), or taken out for PALETTE. */
export function moveColumn(view: ListViewModel, column: string, to: string, index: number): ListViewModel {
  const without = view.columns.filter((name) => name !== column);
  return { ...view, columns: to === PALETTE ? without : insertAt(without, column, index) };
}

export function addSection(sections: SectionModel[], label: Label): SectionModel[] {
  const name = freeName('section', sections.map((s) => s.name));
  return [...sections, { name, label, columns: 1, fields: [], fromPlugin: false }];
}

export function addListView(views: ListViewModel[], label: Label, columns: string[]): ListViewModel[] {
  const name = freeName('view', views.map((v) => v.name));
  return [...views, { name, label, columns, sort: [], fromPlugin: false }];
}

/** `prefix_1`, `prefix_2`, … the first not taken. */
export function freeName(prefix: string, taken: readonly string[]): string {
  let n = 1;
  while (taken.includes(`${prefix}_${n}`)) n += 1;
  return `${prefix}_${n}`;
}

/** Replaces the named item with `change` applied to it. */
export function updateNamed<T extends { name: string }>(items: T[], name: string, change: (item: T) => T): T[] {
  return items.map((item) => (item.name === name ? change(item) : item));
}

function insertAt(items: string[], item: string, index: number): string[] {
  const at = Math.max(0, Math.min(index, items.length));
  return [...items.slice(0, at), item, ...items.slice(at)];
}
