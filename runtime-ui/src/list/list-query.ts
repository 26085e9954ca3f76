/**
 * What a list shows and asks for, from the object's metadata: the views (an "all records" view first), the columns
 * of a view, and the request parameters (filter = view AND user filter, sort, fields, expanded lookups, page size).
 */
import type { JsonLogic, Label } from '../../../metadata/src/types.ts';
import type { UiField, UiListView, UiObject } from '../../../metadata/src/ui-contract.ts';
import type { ListParams } from '../api/records.ts';

export const ALL_VIEW = '';
const DEFAULT_PAGE_SIZE = 50;
const DEFAULT_COLUMNS = 5;
const ALL_LABEL: Label = { 'zh-CN': '全部记录', en: 'All records' };

/** Columns a list may show that are not fields of the metadata: the system columns. */
const SYSTEM_FIELDS: UiField[] = [
  { name: 'created_at', type: 'datetime', label: { 'zh-CN': '创建时间', en: 'Created' }, required: false, readOnly: true, filterable: true },
  { name: 'updated_at', type: 'datetime', label: { 'zh-CN': '更新时间', en: 'Updated' }, required: false, readOnly: true, filterable: true },
];

/** The field behind a column name, including the system columns. */
export function fieldOf(ui: UiObject, name: string): UiField | undefined {
  return ui.fields.find((f) => f.name === name) ?? SYSTEM_FIELDS.find((f) => f.name === name);
}

/**
 * The object's views, an unfiltered one first (the default, so a bare `/o/:object` lists every visible record): the
 * first view when it has no filter (the engine's "all" of an object without views), else "all records" with the
 * first view's columns.
 */
export function viewsOf(ui: UiObject): UiListView[] {
  const first = ui.listViews[0];
  if (first && first.filter === undefined) return ui.listViews;
  const columns = first?.columns.length ? first.columns : defaultColumns(ui);
  const all: UiListView = { name: ALL_VIEW, label: ALL_LABEL, columns, sort: ['-created_at'], pageSize: first?.pageSize ?? DEFAULT_PAGE_SIZE };
  return [all, ...ui.listViews];
}

/** A view by its name; a home list may name it qualified (`<layout>.<view>`). */
export function findView(ui: UiObject, name: string | null | undefined): UiListView {
  const views = viewsOf(ui);
  if (!name) return views[0];
  return views.find((v) => v.name === name || name.endsWith(`.${v.name}`) || v.name.endsWith(`.${name}`)) ?? views[0];
}

function defaultColumns(ui: UiObject): string[] {
  const names = ui.fields.filter((f) => !['long_text', 'rich_text', 'file', 'image', 'geo_point'].includes(f.type)).map((f) => f.name);
  const title = ui.titleField && names.includes(ui.titleField) ? [ui.titleField] : [];
  return [...title, ...names.filter((n) => !title.includes(n))].slice(0, DEFAULT_COLUMNS);
}

/** The view's columns that the user may read (fields cut by field access disappear). */
export function visibleColumns(ui: UiObject, view: UiListView): UiField[] {
  return view.columns.map((name) => fieldOf(ui, name)).filter((f): f is UiField => f !== undefined);
}

const isLookup = (f: UiField) => f.type === 'lookup' || f.type === 'master_detail';

/** The view's filter and the user's, both required. */
export function combineFilters(...filters: (JsonLogic | null | undefined)[]): JsonLogic | undefined {
  const present = filters.filter((f): f is JsonLogic => f !== null && f !== undefined);
  if (present.length === 0) return undefined;
  return present.length === 1 ? present[0] : { and: present };
}

export interface ListState {
  filter?: JsonLogic | null;
  sort?: string | null;
  cursor?: string | null;
  limit?: number;
}

/** The request of one page of a view: its columns (and the title), lookups expanded, the combined filter. */
export function listParamsOf(ui: UiObject, view: UiListView, state: ListState): ListParams {
  const columns = visibleColumns(ui, view);
  const fields = new Set(columns.map((f) => f.name));
  if (ui.titleField && fieldOf(ui, ui.titleField)) fields.add(ui.titleField);
  return {
    filter: combineFilters(view.filter, state.filter),
    sort: state.sort || view.sort.join(',') || undefined,
    limit: state.limit ?? view.pageSize ?? DEFAULT_PAGE_SIZE,
    cursor: state.cursor ?? undefined,
    fields: [...fields],
    expand: columns.filter(isLookup).map((f) => f.name),
    count: true,
  };
}

/** The sort string's first key as a column and direction, for the table header. */
export function sortOrderOf(sort: string, column: string): 'ascend' | 'descend' | null {
  const first = sort.split(',')[0]?.trim() ?? '';
  if (first === column) return 'ascend';
  if (first === `-${column}`) return 'descend';
  return null;
}

/** How many conditions a JsonLogic filter holds, for the filter button's badge. */
export function conditionCount(logic: JsonLogic | undefined | null): number {
  if (!logic || typeof logic !== 'object') return 0;
  const [op, args] = Object.entries(logic as Record<string, unknown>)[0] ?? [];
  if ((op === 'and' || op === 'or') && Array.isArray(args)) return args.reduce((n: number, a) => n + conditionCount(a), 0);
  if (op === '!') return conditionCount(Array.isArray(args) ? args[0] : args);
  return op ? 1 : 0;
}
