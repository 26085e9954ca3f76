/** A list request through a list view (`?view=<layout>.<list view>`), resolved into the plain list query it means. */
import type { LayoutDoc, ListViewDef } from '../../../metadata/src/types.ts';
import { QudaoError } from '../errors/catalog.ts';
import type { ListQuery } from './list-query.ts';

/**
 * The view's filter AND the request's; the view's sort, columns and page size unless the request gives its
 * own. The view's filter was compiled at deploy, so it is kept apart from the request's (whose error paths
 * stay the request's own).
 */
export function withListView(query: ListQuery, objectName: string, layout: (name: string) => LayoutDoc | undefined): ListQuery {
  if (query.view === undefined) return query;
  const view = listViewOrThrow(query.view, objectName, layout);
  return {
    ...query,
    viewFilter: view.filter,
    sort: query.sort?.trim() ? query.sort : view.sort?.join(','),
    limit: query.limit ?? view.pageSize,
    fields: query.fields ?? view.columns,
  };
}

function listViewOrThrow(ref: string, objectName: string, layout: (name: string) => LayoutDoc | undefined): ListViewDef {
  const [layoutName, viewName, ...rest] = ref.split('.');
  if (!layoutName || !viewName || rest.length) {
    throw badView('format', 'view 的格式须为 <布局>.<列表视图>，例如 dealer_layout.active', 'view must be <layout>.<list view>, e.g. dealer_layout.active');
  }
  const found = layout(layoutName);
  const view = found?.object === objectName ? found.listViews?.find((v) => v.name === viewName) : undefined;
  if (!view) {
    throw badView('unknown_view', `对象 ${objectName} 没有列表视图 ${ref}`, `the object ${objectName} has no list view ${ref}`);
  }
  return view;
}

const badView = (rule: string, zh: string, en: string) =>
  new QudaoError('BAD_REQUEST', [{ field: 'view', rule, message: { 'zh-CN': zh, en } }]);
