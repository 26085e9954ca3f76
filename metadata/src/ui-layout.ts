/**
 * An object's form sections and list views from its layouts, cut to the fields one principal may read. Pure and
 * browser-safe: the engine answers them in `GET /api/ui/objects/:object`, the studio previews a draft layout with them.
 */
import { MAX_PAGE_SIZE, type LayoutDoc } from './types.ts';
import type { UiField, UiListView, UiSection } from './ui-contract.ts';

export const DEFAULT_PAGE_SIZE = 50;
const DEFAULT_COLUMNS = 6;
const OTHER_SECTION = { name: 'other', label: { 'zh-CN': '其他', en: 'Other' } };
const ALL_VIEW = { name: 'all', label: { 'zh-CN': '全部', en: 'All' } };

/** The layout sections in order, each with its readable fields; readable fields no section names follow in a last one. */
export function uiSections(layouts: readonly LayoutDoc[], fields: readonly UiField[]): UiSection[] {
  const readable = new Set(fields.map((f) => f.name));
  const placed = new Set<string>();
  const sections: UiSection[] = [];
  for (const section of layouts.flatMap((l) => l.sections ?? [])) {
    const shown = section.fields.filter((name) => readable.has(name) && !placed.has(name));
    shown.forEach((name) => placed.add(name));
    if (shown.length) sections.push({ name: section.name, label: section.label, columns: section.columns ?? 1, fields: shown });
  }
  const rest = fields.map((f) => f.name).filter((name) => !placed.has(name));
  if (rest.length) sections.push({ ...OTHER_SECTION, columns: 1, fields: rest });
  return sections;
}

/**
 * The layouts' list views, named `<layout>.<view>` as `?view=` takes them, columns cut to readable ones; without
 * any, one view "all" (not a stored view: list without `view`) of the first readable fields.
 */
export function uiListViews(layouts: readonly LayoutDoc[], fields: readonly UiField[], canRead: (field: string) => boolean): UiListView[] {
  const views = layouts.flatMap((layout) => (layout.listViews ?? []).map((view): UiListView => ({
    name: `${layout.name}.${view.name}`,
    label: view.label,
    ...(view.filter !== undefined ? { filter: view.filter } : {}),
    columns: view.columns.filter(canRead),
    sort: view.sort ?? [],
    pageSize: Math.min(view.pageSize ?? DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE),
  })));
  if (views.length) return views;
  return [{ ...ALL_VIEW, columns: fields.slice(0, DEFAULT_COLUMNS).map((f) => f.name), sort: ['-created_at'], pageSize: DEFAULT_PAGE_SIZE }];
}
