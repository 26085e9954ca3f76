/**
 * `/inbox`: the approval tasks waiting for the user, filtered by object and workflow (tags with counts), decided
 * one by one (approve at once, reject with a reason) or approved in bulk; the app's badges refresh after each.
 */
import { useMemo, useState, type HTMLAttributes } from 'react';
import { CheckOutlined } from '@ant-design/icons';
import { useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Flex, Table, Tag, Typography, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../api/client.ts';
import { pick } from '../i18n/index.ts';
import { useIsPhone } from '../lib/use-is-phone.ts';
import { NotFound } from '../shell/NotFound.tsx';
import { useSession } from '../shell/session.tsx';
import { decide, decideBulk, fetchInbox, type InboxFilter, type InboxItem } from './inbox-api.ts';
import { RejectButton } from './RejectButton.tsx';

const PAGE = 50;
const TAG_SAMPLE = 200;

export default function InboxPage() {
  const { isPortal } = useSession();
  return isPortal ? <NotFound /> : <Inbox />;
}

interface Group extends InboxFilter {
  key: string;
  label: string;
  count: number;
}

/** Tags per object and per workflow, counted over the first 200 tasks. */
function groupsOf(items: InboxItem[]): Group[] {
  const groups = new Map<string, Group>();
  const add = (key: string, label: string, filter: InboxFilter) => {
    const group = groups.get(key) ?? { key, label, count: 0, ...filter };
    group.count++;
    groups.set(key, group);
  };
  for (const item of items) {
    add(`o:${item.object.name}`, pick(item.object.label), { object: item.object.name });
    add(`w:${item.workflow.name}`, pick(item.workflow.label), { workflow: item.workflow.name });
  }
  return [...groups.values()];
}

function Inbox() {
  const { t } = useTranslation('inbox');
  const { message, modal } = App.useApp();
  const { refresh } = useSession();
  const queryClient = useQueryClient();
  const isPhone = useIsPhone();
  const [filter, setFilter] = useState<Group | null>(null);
  const [decided, setDecided] = useState<Set<string>>(new Set());
  const [busy, setBusy] = useState<Set<string>>(new Set());
  const [selected, setSelected] = useState<string[]>([]);

  const all = useQuery({ queryKey: ['inbox', 'tags'], queryFn: ({ signal }) => fetchInbox({}, TAG_SAMPLE, null, signal) });
  const request: InboxFilter = { object: filter?.object, workflow: filter?.workflow };
  const tasks = useInfiniteQuery({
    queryKey: ['inbox', 'list', request],
    queryFn: ({ pageParam, signal }) => fetchInbox(request, PAGE, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const rows = useMemo(() => (tasks.data?.pages.flatMap((p) => p.data) ?? []).filter((r) => !decided.has(r.taskId)), [tasks.data, decided]);
  const groups = useMemo(() => groupsOf(all.data?.data ?? []), [all.data]);

  const afterDecisions = async (taskIds: string[]) => {
    setDecided((prev) => new Set([...prev, ...taskIds]));
    setSelected((prev) => prev.filter((id) => !taskIds.includes(id)));
    await Promise.all([queryClient.invalidateQueries({ queryKey: ['inbox'] }), refresh()]);
  };

  const decideOne = async (row: InboxItem, decision: 'approve' | 'reject', comment?: string) => {
    setBusy((prev) => new Set(prev).add(row.taskId));
    try {
      await decide(row.taskId, decision, comment);
      void message.success(t(decision === 'approve' ? 'approved' : 'rejected'));
      await afterDecisions([row.taskId]);
    } catch (error) {
      void message.error(error instanceof ApiError ? error.message : String(error));
    } finally {
      setBusy((prev) => { const next = new Set(prev); next.delete(row.taskId); return next; });
    }
  };

  const approveSelected = async () => {
    const ids = [...selected];
    setBusy(new Set(ids));
    try {
      const { results } = await decideBulk(ids, 'approve');
      const done = results.filter((r) => r.ok).map((r) => r.task);
      const failed = results.filter((r) => !r.ok);
      if (done.length) void message.success(t('bulkDone', { ok: done.length }));
      if (failed.length) {
        const title = (task: string) => rows.find((r) => r.taskId === task)?.recordTitle ?? task;
        modal.warning({
          title: t('bulkFailed', { failed: failed.length }),
          content: <ul style={{ paddingInlineStart: 18 }}>{failed.map((f) => <li key={f.task}><b>{title(f.task)}</b>：{f.problem?.detail ?? f.problem?.title}</li>)}</ul>,
        });
      }
      await afterDecisions(done);
    } catch (error) {
      void message.error(error instanceof ApiError ? error.message : String(error));
    } finally {
      setBusy(new Set());
    }
  };

  const columns: TableColumnsType<InboxItem> = [
    {
      key: 'record', title: t('record'), ellipsis: isPhone,
      render: (_, row) => (
        <Flex vertical>
          <Link to={`/o/${row.object.name}/${row.recordId}`} data-testid="inbox-record">{row.recordTitle ?? row.recordId}</Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {pick(row.object.label)}{isPhone ? ` · ${pick(row.step.label)}` : ''}
            {row.onBehalfOf ? ` · ${t('onBehalfOf', { name: row.onBehalfOf.displayName })}` : ''}
          </Typography.Text>
        </Flex>
      ),
    },
    ...(isPhone ? [] : [
      { key: 'workflow', title: t('workflow'), render: (_: unknown, row: InboxItem) => pick(row.workflow.label) },
      { key: 'step', title: t('step'), render: (_: unknown, row: InboxItem) => <Tag color="blue">{pick(row.step.label)}</Tag> },
      {
        key: 'submitted', title: t('submittedBy'),
        render: (_: unknown, row: InboxItem) => (
          <Flex vertical>
            <span>{row.submittedBy.displayName}</span>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>{dayjs(row.submittedAt).format('YYYY-MM-DD HH:mm')}</Typography.Text>
          </Flex>
        ),
      },
      {
        key: 'due', title: t('due'),
        render: (_: unknown, row: InboxItem) => (row.dueAt
          ? <Typography.Text type={row.overdue ? 'danger' : undefined} data-overdue={row.overdue || undefined}>
            {dayjs(row.dueAt).format('YYYY-MM-DD HH:mm')}{row.overdue ? ` · ${t('overdue')}` : ''}
          </Typography.Text>
          : '—'),
      },
    ]),
    {
      key: 'actions', title: t('actions'), width: isPhone ? 150 : 170, align: 'right',
      render: (_, row) => (
        <Flex gap={6} justify="flex-end">
          <Button size="small" type="primary" icon={<CheckOutlined />} loading={busy.has(row.taskId)} onClick={() => void decideOne(row, 'approve')} data-testid="inbox-approve">
            {t('approve')}
          </Button>
          <RejectButton busy={busy.has(row.taskId)} onReject={(comment) => decideOne(row, 'reject', comment)} />
        </Flex>
      ),
    },
  ];

  const total = tasks.data?.pages[0]?.total;
  return (
    <Card styles={{ body: { padding: isPhone ? 12 : 20 } }} data-testid="inbox-page">
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 12 }}>
        <Flex align="baseline" gap={12}>
          <Typography.Title level={4} style={{ margin: 0 }}>{t('title')}</Typography.Title>
          {total !== undefined && <Typography.Text type="secondary" data-testid="inbox-total" data-total={total}>{t('total', { count: total })}</Typography.Text>}
        </Flex>
        {selected.length > 0 && (
          <Button type="primary" icon={<CheckOutlined />} loading={busy.size > 0} onClick={() => void approveSelected()} data-testid="inbox-bulk-approve">
            {t('bulkApprove', { count: selected.length })}
          </Button>
        )}
      </Flex>
      <Flex gap={6} wrap style={{ marginBottom: 12 }} data-testid="inbox-filters">
        <Tag.CheckableTag checked={!filter} onChange={() => setFilter(null)} data-testid="inbox-filter-all">{t('all')} {all.data ? all.data.total : ''}</Tag.CheckableTag>
        {groups.map((g) => (
          <Tag.CheckableTag key={g.key} checked={filter?.key === g.key} onChange={(on) => setFilter(on ? g : null)} data-testid={`inbox-filter-${g.key}`}>
            {g.label} {g.count}
          </Tag.CheckableTag>
        ))}
      </Flex>
      {tasks.isError && <Alert type="error" showIcon title={t('loadFailed')} description={(tasks.error as Error).message} style={{ marginBottom: 12 }} />}
      <Table<InboxItem>
        rowKey="taskId"
        size={isPhone ? 'small' : 'middle'}
        columns={columns}
        dataSource={rows}
        loading={tasks.isPending}
        pagination={false}
        tableLayout={isPhone ? 'fixed' : undefined}
        rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys.map(String)), columnWidth: 36 }}
        onRow={() => ({ 'data-testid': 'inbox-row' }) as HTMLAttributes<HTMLElement>}
        locale={{ emptyText: t('empty') }}
      />
      {tasks.hasNextPage && (
        <Flex justify="center" style={{ marginTop: 12 }}>
          <Button loading={tasks.isFetchingNextPage} onClick={() => void tasks.fetchNextPage()} data-testid="inbox-load-more">{t('loadMore')}</Button>
        </Flex>
      )}
    </Card>
  );
}
