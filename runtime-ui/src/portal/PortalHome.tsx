/**
 * The dealer portal's home: one compact list per `app.portalHome` entry (authorizations, qualifications, orders),
 * each linking to its full list; a `valid_to` date within 60 days or past is flagged.
 */
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, Empty, Flex, Row, Skeleton, Table, Tag, Typography, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { UiHomeList, UiObject } from '../../../metadata/src/ui-contract.ts';
import { listRecords, type RecordData } from '../api/records.ts';
import { useUiObject } from '../api/ui.ts';
import { currentLanguage, pick } from '../i18n/index.ts';
import { findView, listParamsOf } from '../list/list-query.ts';
import { recordColumns } from '../list/record-columns.tsx';
import { useIsPhone } from '../lib/use-is-phone.ts';
import { useSession } from '../shell/session.tsx';

const ROWS = 5;
const EXPIRY_FIELD = 'valid_to';
const EXPIRY_WARNING_DAYS = 60;

export default function PortalHome() {
  const { t } = useTranslation('portal');
  const { app } = useSession();
  return (
    <Flex vertical gap={16} data-testid="portal-home">
      <div>
        <Typography.Title level={4} style={{ margin: 0 }}>{t('welcome', { name: app.user.displayName || app.user.username })}</Typography.Title>
        <Typography.Text type="secondary">{t('subtitle')}</Typography.Text>
      </div>
      {app.portalHome.length === 0 && <Card><Empty description={t('noLists')} /></Card>}
      <Row gutter={[16, 16]}>
        {app.portalHome.map((entry) => (
          <Col key={`${entry.object}.${entry.view}`} xs={24} xl={12}><HomeList entry={entry} /></Col>
        ))}
      </Row>
    </Flex>
  );
}

function HomeList({ entry }: { entry: UiHomeList }) {
  const { t } = useTranslation('portal');
  const ui = useUiObject(entry.object);
  const view = ui.data ? findView(ui.data, entry.view) : undefined;
  const fullList = `/o/${entry.object}${view?.name ? `?${new URLSearchParams({ view: view.name })}` : ''}`;
  return (
    <Card size="small" title={pick(entry.label)} extra={<Link to={fullList} data-testid={`portal-view-all-${entry.object}`}>{t('viewAll')}</Link>}
      data-testid={`portal-list-${entry.object}`}>
      {ui.isPending ? <Skeleton active paragraph={{ rows: 3 }} />
        : ui.data ? <HomeRows ui={ui.data} viewName={entry.view} />
          : <Alert type="error" showIcon title={t('loadFailed')} />}
    </Card>
  );
}

function HomeRows({ ui, viewName }: { ui: UiObject; viewName: string }) {
  const { t } = useTranslation('portal');
  const isPhone = useIsPhone();
  const language = currentLanguage();
  const view = findView(ui, viewName);
  const expiry = ui.fields.find((f) => f.name === EXPIRY_FIELD && (f.type === 'date' || f.returns === 'date'));
  const request = listParamsOf(ui, view, { limit: ROWS });
  if (expiry && !request.fields?.includes(expiry.name)) request.fields = [...(request.fields ?? []), expiry.name];
  request.count = false;
  const rows = useQuery({ queryKey: ['records', ui.name, 'home', request], queryFn: ({ signal }) => listRecords(ui.name, request, signal) });
  const columns: TableColumnsType<RecordData> = recordColumns(ui, view, { sort: '', language, compact: isPhone }).map((c) => ({ ...c, sorter: false }));
  if (expiry) columns.push({ key: 'expiry', width: 88, render: (_: unknown, row: RecordData) => expiryTag(row[expiry.name], t) });
  return (
    <Table<RecordData>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={rows.data?.data ?? []}
      loading={rows.isPending}
      pagination={false}
      tableLayout="fixed"
      onRow={(row) => (expiry && expiryState(row[expiry.name]) ? { style: { background: '#fff7e6' } } : {})}
      locale={{ emptyText: t('empty') }}
    />
  );
}

/** `expired` when the date is past, `expiring` within 60 days, else null. */
function expiryState(value: unknown): 'expired' | 'expiring' | null {
  if (typeof value !== 'string' || !value) return null;
  const days = dayjs(value).startOf('day').diff(dayjs().startOf('day'), 'day');
  if (days < 0) return 'expired';
  return days <= EXPIRY_WARNING_DAYS ? 'expiring' : null;
}

function expiryTag(value: unknown, t: (key: string) => string) {
  const state = expiryState(value);
  if (!state) return null;
  return <Tag color={state === 'expired' ? 'red' : 'orange'} data-testid={`expiry-${state}`}>{t(state)}</Tag>;
}
