/** `/studio/objects`: every deployed object, and the dialog that makes a new one. */
import { useState } from 'react';
import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ObjectDoc } from '../../../metadata/src/types.ts';
import type { DocumentOrigin } from '../api/meta.ts';
import { NewObjectModal } from './NewObjectModal.tsx';
import { useDocumentOrigins, useObjects } from '../api/queries.ts';

export function ObjectsPage() {
  const { t } = useTranslation('objects');
  const objects = useObjects();
  const origins = useDocumentOrigins('object');
  const [creating, setCreating] = useState(false);
  const columns = [
    { key: 'name', title: t('columns.name'), render: (o: ObjectDoc) => <Link to={`/objects/${o.name}`} data-testid={`object-link-${o.name}`}>{o.name}</Link> },
    { key: 'zh', title: t('columns.labelZh'), render: (o: ObjectDoc) => o.label['zh-CN'] },
    { key: 'en', title: t('columns.labelEn'), render: (o: ObjectDoc) => o.label.en },
    { key: 'fields', title: t('columns.fields'), align: 'right' as const, render: (o: ObjectDoc) => o.fields.filter((f) => !f.removed).length },
    { key: 'origin', title: t('columns.origin'), render: (o: ObjectDoc) => <OriginTags name={o.name} origin={origins.data?.[o.name]} /> },
  ];
  return (
    <div data-testid="objects-page">
      <Flex justify="space-between" align="center" style={{ marginBottom: 16 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>{t('title')}</Typography.Title>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="new-object">{t('newObject')}</Button>
      </Flex>
      {objects.error && <Alert type="error" showIcon title={objects.error.message} />}
      <Table<ObjectDoc> rowKey="name" size="middle" loading={objects.isPending} dataSource={objects.data} columns={columns} pagination={{ pageSize: 50, hideOnSinglePage: true }} />
      <NewObjectModal open={creating} onClose={() => setCreating(false)} />
    </div>
  );
}

/** The plugin that ships an object (its base layer) and whether an admin customized it (its custom layer). */
function OriginTags({ name, origin }: { name: string; origin: DocumentOrigin | undefined }) {
  const { t } = useTranslation('objects');
  if (!origin) return null;
  return (
    <span data-testid={`object-origin-${name}`}>
      {origin.plugin && <Tag color="purple">{origin.plugin}</Tag>}
      {origin.layers.includes('custom') && <Tag color="blue">{t('layers.custom')}</Tag>}
    </span>
  );
}
