/**
 * `/o/:object`: an object's records in one of its list views. The query string keeps the view, the filter
 * (JsonLogic) and the sort, so a list can be bookmarked and shared; pages follow the engine's keyset cursors.
 */
import { lazy, Suspense, useMemo, useState } from 'react';
import { DeleteOutlined, DownloadOutlined, FilterOutlined, LeftOutlined, PlusOutlined, ReloadOutlined, RightOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Badge, Button, Card, Flex, Popconfirm, Result, Skeleton, Table, Typography, type TableProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import type { JsonLogic } from '../../../metadata/src/types.ts';
import type { UiObject } from '../../../metadata/src/ui-contract.ts';
import { listRecords, type RecordData } from '../api/records.ts';
import { recordTitle, useUiObject } from '../api/ui.ts';
import { currentLanguage, pick } from '../i18n/index.ts';
import { IssueLettersButton } from '../letters/IssueLettersButton.tsx';
import { canIssueLetters } from '../letters/letters-api.ts';
import { useIsPhone } from '../lib/use-is-phone.ts';
import { isNotFound } from '../record/is-not-found.ts';
import { NotFound } from '../shell/NotFound.tsx';
import { useSession } from '../shell/session.tsx';
import { deleteEach, exportXlsx } from './bulk-actions.ts';
import { conditionCount, findView, listParamsOf, viewsOf } from './list-query.ts';
import { recordColumns } from './record-columns.tsx';
import { SavedFiltersMenu } from './SavedFiltersMenu.tsx';
import { ViewTabs } from './ViewTabs.tsx';

const FilterBuilder = lazy(() => import('./FilterBuilder.tsx'));

export default function ListPage() {
  const { object = '' } = useParams();
  const { t } = useTranslation('list');
  const ui = useUiObject(object);
  if (ui.isPending) return <Skeleton active style={{ padding: 24 }} />;
  if (isNotFound(ui.error)) return <NotFound />;
  if (!ui.data) return <Result status="error" title={t('loadFailed')} subTitle={(ui.error as Error | null)?.message} />;
  return <ObjectList key={object} ui={ui.data} />;
}

function parseFilter(text: string | null): JsonLogic | undefined {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as JsonLogic;
  } catch {
    return undefined;
  }
}

/** The list's place in the query string: view, filter, sort. */
function useListLocation(ui: UiObject) {
  const [params, setParams] = useSearchParams();
  const view = findView(ui, params.get('view'));
  const filterText = params.get('filter');
  const filter = useMemo(() => parseFilter(filterText), [filterText]);
  const sort = params.get('sort') ?? '';
  const update = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    setParams(next);
  };
  return {
    view, filter, sort,
    key: `${view.name}|${filterText ?? ''}|${sort}`,
    setView: (name: string) => update({ view: name, sort: undefined }),
    setFilter: (logic: JsonLogic | undefined) => update({ filter: logic === undefined ? undefined : JSON.stringify(logic) }),
    setSort: (value: string | undefined) => update({ sort: value }),
  };
}

function ObjectList({ ui }: { ui: UiObject }) {
  const location = useListLocation(ui);
  // Keyset paging: a stack of the cursors of the pages visited, restarted whenever view, filter or sort change.
  const [paging, setPaging] = useState({ key: location.key, cursors: [null] as (string | null)[] });
  const cursors = paging.key === location.key ? paging.cursors : [null];
  const setCursors = (next: (string | null)[]) => setPaging({ key: location.key, cursors: next });
  return <ListBody ui={ui} location={location} cursors={cursors} setCursors={setCursors} />;
}

function ListBody({ ui, location, cursors, setCursors }: {
  ui: UiObject;
  location: ReturnType<typeof useListLocation>;
  cursors: (string | null)[];
  setCursors: (next: (string | null)[]) => void;
}) {
  const { t } = useTranslation('list');
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { app } = useSession();
  const isPhone = useIsPhone();
  const language = currentLanguage();
  const { view, filter, sort } = location;
  const views = useMemo(() => viewsOf(ui), [ui]);
  const [filterOpen, setFilterOpen] = useState(false);
  const [selection, setSelection] = useState<{ key: string; ids: string[] }>({ key: location.key, ids: [] });
  const selected = selection.key === location.key ? selection.ids : [];
  const [exporting, setExporting] = useState(false);
  const issuesLetters = canIssueLetters(ui);

  const cursor = cursors[cursors.length - 1];
  const request = listParamsOf(ui, view, { filter, sort, cursor });
  const page = useQuery({
    queryKey: ['records', ui.name, 'list', request],
    queryFn: ({ signal }) => listRecords(ui.name, request, signal),
    placeholderData: keepPreviousData,
  });
  const rows = page.data?.data ?? [];
  const columns = useMemo(() => recordColumns(ui, view, { sort: sort || view.sort.join(','), language, compact: isPhone }), [ui, view, sort, language, isPhone]);

  const onTableChange: TableProps<RecordData>['onChange'] = (_p, _f, sorter) => {
    const one = Array.isArray(sorter) ? sorter[0] : sorter;
    const column = String(one?.columnKey ?? '');
    location.setSort(!one?.order || !column ? undefined : one.order === 'descend' ? `-${column}` : column);
  };

  const deleteSelected = async () => {
    const records = selected.map((id) => ({ id, title: recordTitle(ui, rows.find((r) => r.id === id) ?? { id }) }));
    const progress = 'bulk-delete';
    const failures = await deleteEach(ui.name, records, (done) => {
      void message.loading({ key: progress, content: t('deleting', { done, total: records.length }), duration: 0 });
    });
    message.destroy(progress);
    setSelection({ key: location.key, ids: failures.map((f) => f.id) });
    await queryClient.invalidateQueries({ queryKey: ['records', ui.name] });
    const deleted = records.length - failures.length;
    if (deleted) void message.success(t('deletedAll', { count: deleted }));
    if (failures.length) {
      modal.warning({
        title: t('deleteFailed', { failed: failures.length }),
        content: <ul data-testid="delete-failures" style={{ paddingInlineStart: 18 }}>{failures.map((f) => <li key={f.id}><b>{f.title}</b>：{f.message}</li>)}</ul>,
      });
    }
  };

  const exportList = async () => {
    setExporting(true);
    try {
      await exportXlsx(ui.name, request, pick(ui.label));
    } catch (error) {
      void message.error(`${t('exportFailed')}: ${(error as Error).message}`);
    } finally {
      setExporting(false);
    }
  };

  const total = page.data?.total;
  const filterCount = conditionCount(filter);
  return (
    <Card styles={{ body: { padding: isPhone ? 12 : 20 } }} data-testid="list-page" data-object={ui.name}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Flex align="baseline" gap={12} wrap style={{ minWidth: 0 }}>
          <Typography.Title level={4} style={{ margin: 0 }} data-testid="list-title">{pick(ui.label)}</Typography.Title>
          <TotalText total={total} estimate={page.data?.totalIsEstimate} />
        </Flex>
        <Flex gap={8} wrap>
          <Button icon={<ReloadOutlined />} onClick={() => void page.refetch()} aria-label={t('refresh')} title={t('refresh')} data-testid="list-refresh" />
          <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void exportList()} data-testid="list-export">
            {isPhone ? null : exporting ? t('exporting') : t('export')}
          </Button>
          {ui.rights.create && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate(`/o/${ui.name}/new`)} data-testid="list-new">{t('new')}</Button>
          )}
        </Flex>
      </Flex>

      {views.length > 1 && (
        <ViewTabs ui={ui} views={views} current={view.name} currentTotal={filter === undefined ? total : undefined} onChange={location.setView} />
      )}

      <Flex gap={8} wrap align="center" style={{ margin: '12px 0' }}>
        <Badge count={filterCount} size="small">
          <Button icon={<FilterOutlined />} type={filterOpen ? 'primary' : 'default'} ghost={filterOpen} onClick={() => setFilterOpen(!filterOpen)} data-testid="list-filter-toggle">
            {t('filter')}
          </Button>
        </Badge>
        <SavedFiltersMenu key={ui.name} userId={app.user.id} object={ui.name} filter={filter} onApply={location.setFilter} />
        {filter !== undefined && <Button type="link" onClick={() => location.setFilter(undefined)} data-testid="list-filter-clear">{t('clearFilter')}</Button>}
        {selected.length > 0 && (
          <Flex gap={8} align="center" style={{ marginInlineStart: 'auto' }}>
            <Typography.Text type="secondary" data-testid="list-selected">{t('selected', { count: selected.length })}</Typography.Text>
            {issuesLetters && <IssueLettersButton ui={ui} ids={selected} />}
            {ui.rights.delete && (
              <Popconfirm title={t('deleteConfirm', { count: selected.length })} onConfirm={deleteSelected} okText={t('confirm')} cancelText={t('cancel')} okButtonProps={{ danger: true }}>
                <Button danger icon={<DeleteOutlined />} data-testid="list-delete-selected">{t('deleteSelected')}</Button>
              </Popconfirm>
            )}
          </Flex>
        )}
      </Flex>

      {filterOpen && (
        <Card size="small" style={{ marginBottom: 12, background: '#fafbfd' }}>
          <Suspense fallback={<Skeleton active paragraph={{ rows: 2 }} />}>
            <FilterBuilder ui={ui} value={filter} onApply={(logic) => { location.setFilter(logic); setFilterOpen(false); }} />
          </Suspense>
        </Card>
      )}

      {page.isError && <Alert type="error" showIcon title={t('loadFailed')} description={(page.error as Error).message} style={{ marginBottom: 12 }} data-testid="list-error" />}

      <Table<RecordData>
        rowKey="id"
        size={isPhone ? 'small' : 'middle'}
        columns={columns}
        dataSource={rows}
        loading={page.isFetching}
        pagination={false}
        onChange={onTableChange}
        showSorterTooltip={false}
        tableLayout={isPhone ? 'fixed' : undefined}
        scroll={isPhone ? undefined : { x: 'max-content' }}
        rowSelection={ui.rights.delete || issuesLetters ? { selectedRowKeys: selected, onChange: (keys) => setSelection({ key: location.key, ids: keys.map(String) }), columnWidth: 40 } : undefined}
        locale={{ emptyText: t('empty') }}
        data-testid="list-table"
      />

      <Flex justify="flex-end" align="center" gap={8} style={{ marginTop: 12 }}>
        <Button icon={<LeftOutlined />} disabled={cursors.length < 2} onClick={() => setCursors(cursors.slice(0, -1))} data-testid="list-previous">{isPhone ? null : t('previous')}</Button>
        <Typography.Text type="secondary" data-testid="list-page-number">{t('page', { page: cursors.length })}</Typography.Text>
        <Button disabled={!page.data?.nextCursor || page.isPlaceholderData} onClick={() => setCursors([...cursors, page.data!.nextCursor])} data-testid="list-next">
          {isPhone ? null : t('next')} <RightOutlined />
        </Button>
      </Flex>
    </Card>
  );
}

function TotalText({ total, estimate }: { total: number | undefined; estimate: boolean | undefined }) {
  const { t } = useTranslation('list');
  if (total === undefined) return <span data-testid="list-total-pending" />;
  return (
    <Typography.Text type="secondary" data-testid="list-total" data-total={total} data-estimate={estimate || undefined}>
      {t(estimate ? 'totalEstimate' : 'total', { count: total })}
    </Typography.Text>
  );
}
