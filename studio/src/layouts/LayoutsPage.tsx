/** `/studio/layouts`: every layout, by object, and the start of a new one for an object. */
import { Alert, Flex, Select, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { LayoutDoc } from '../../../metadata/src/types.ts';
import { useDocuments, useObjects } from '../api/queries.ts';
import { pick } from '../i18n/index.ts';

export function LayoutsPage() {
  const { t } = useTranslation('layouts');
  const navigate = useNavigate();
  const layouts = useDocuments('layout');
  const objects = useObjects();
  const objectLabel = new Map((objects.data ?? []).map((o) => [o.name, pick(o.label)]));
  const rows = [...(layouts.data ?? [])].sort((a, b) => a.object.localeCompare(b.object) || a.name.localeCompare(b.name));
  const columns = [
    { key: 'object', title: t('columns.object'), render: (l: LayoutDoc) => <>{objectLabel.get(l.object) ?? l.object} <Typography.Text type="secondary">{l.object}</Typography.Text></> },
    { key: 'name', title: t('columns.name'), render: (l: LayoutDoc) => <Link to={`/layouts/${l.name}`} data-testid={`layout-link-${l.name}`}>{l.name}</Link> },
    { key: 'label', title: t('columns.label'), render: (l: LayoutDoc) => pick(l.label) },
    { key: 'sections', title: t('columns.sections'), align: 'right' as const, render: (l: LayoutDoc) => l.sections?.length ?? 0 },
    { key: 'listViews', title: t('columns.listViews'), align: 'right' as const, render: (l: LayoutDoc) => l.listViews?.length ?? 0 },
  ];
  const error = layouts.error ?? objects.error;
  return (
    <div data-testid="layouts-page">
      <Flex justify="space-between" align="center" style={{ marginBottom: 8 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>{t('title')}</Typography.Title>
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          style={{ width: 280 }}
          placeholder={`+ ${t('newLayout')}`}
          value={null}
          options={(objects.data ?? []).map((o) => ({ value: o.name, label: `${pick(o.label)} (${o.name})` }))}
          onChange={(object: string) => navigate(`/layouts/new/${object}`)}
          data-testid="new-layout-object"
        />
      </Flex>
      <Typography.Paragraph type="secondary">{t('intro')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error.message} />}
      <Table<LayoutDoc> rowKey="name" size="middle" loading={layouts.isPending} dataSource={rows} columns={columns} pagination={{ pageSize: 50, hideOnSinglePage: true }} />
    </div>
  );
}
