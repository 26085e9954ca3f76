/** The detail records that point at this one through `via`, linked, with a "new" that fills the lookup in. */
import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Empty, Space, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { UiObject, UiRelatedList } from '../../../metadata/src/ui-contract.ts';
import { listRecords, type RecordData } from '../api/records.ts';
import { recordTitle, useUiObject } from '../api/ui.ts';
import { pick } from '../i18n/index.ts';
import { FieldDisplay } from './FieldDisplay.tsx';

const PAGE = 20;

export function RelatedList({ related, recordId }: { related: UiRelatedList; recordId: string }) {
  const { t } = useTranslation('record');
  const detail = useUiObject(related.object);
  const rows = useQuery({
    queryKey: ['related', related.object, related.via, recordId],
    queryFn: ({ signal }) => listRecords(related.object, {
      filter: { '==': [{ var: related.via }, recordId] }, limit: PAGE, sort: '-created_at', count: true,
    }, signal),
  });
  const newLink = `/o/${related.object}/new?${new URLSearchParams({ [related.via]: recordId })}`;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid={`related-${related.object}`}>
      {detail.data?.rights.create && (
        <Link to={newLink}><Button icon={<PlusOutlined />} data-testid={`related-new-${related.object}`}>{t('newRelated', { object: pick(related.label) })}</Button></Link>
      )}
      <Table<RecordData>
        size="small"
        rowKey="id"
        loading={rows.isPending || detail.isPending}
        dataSource={rows.data?.data ?? []}
        columns={detail.data ? columnsOf(detail.data, related) : []}
        pagination={false}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('noRelated')} /> }}
        footer={rows.data?.nextCursor ? () => <Link to={`/o/${related.object}`}>{t('moreRelated', { count: rows.data?.total ?? PAGE })}</Link> : undefined}
      />
    </Space>
  );
}

function columnsOf(detail: UiObject, related: UiRelatedList) {
  const names = (related.columns.length ? related.columns : [detail.titleField ?? 'id']).filter((n) => n !== related.via);
  return names.map((name, i) => {
    const field = detail.fields.find((f) => f.name === name);
    return {
      key: name,
      title: field ? pick(field.label) : name,
      render: (_: unknown, row: RecordData) => (i === 0
        ? <Link to={`/o/${detail.name}/${row.id}`}>{name === detail.titleField || !field ? recordTitle(detail, row) : <FieldDisplay field={field} value={row[name]} />}</Link>
        : field ? <FieldDisplay field={field} value={row[name]} /> : String(row[name] ?? '')),
    };
  });
}
