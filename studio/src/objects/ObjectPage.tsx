/** `/studio/objects/:name`: the object's fields and its history; every change is a deploy of its custom layer. */
import { Alert, Breadcrumb, Space, Spin, Tabs, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { FieldDef } from '../../../metadata/src/types.ts';
import { customDocument, latestByLayer, withField } from '../api/meta.ts';
import { useDeploy } from '../deploy/use-deploy.tsx';
import { FieldTable } from '../fields/FieldTable.tsx';
import { DocumentHistory } from '../history/DocumentHistory.tsx';
import { ObjectRules } from '../rules/ObjectRules.tsx';
import { pick } from '../i18n/index.ts';
import { useObject, useObjectHistory } from '../api/queries.ts';

export function ObjectPage() {
  const name = useParams().name!;
  const { t } = useTranslation('objects');
  const object = useObject(name);
  const history = useObjectHistory(name);
  const { deploy, modal } = useDeploy();

  if (object.error || history.error) return <Alert type="error" showIcon title={(object.error ?? history.error)!.message} />;
  if (!object.data || !history.data) return <Spin style={{ display: 'block', margin: 48 }} />;
  const versions = history.data;
  const layers = Object.entries(latestByLayer(versions)).filter(([, v]) => !v.deleted).map(([layer]) => layer);

  const saveField = (field: FieldDef, indexed: boolean) => deploy(withField(customDocument('object', name, versions), field, indexed));

  return (
    <div data-testid="object-page">
      <Breadcrumb items={[{ title: <Link to="/objects">{t('title')}</Link> }, { title: name }]} style={{ marginBottom: 12 }} />
      <Space align="baseline" style={{ marginBottom: 8 }}>
        <Typography.Title level={3} style={{ margin: 0 }} data-testid="object-title">{pick(object.data.label)}</Typography.Title>
        <Typography.Text code>{name}</Typography.Text>
        {layers.map((layer) => <Tag key={layer} color={layer === 'base' ? 'purple' : 'blue'}>{t(`layers.${layer}`)}</Tag>)}
      </Space>
      <Tabs
        items={[
          { key: 'fields', label: <span data-testid="tab-fields">{t('tabs.fields')}</span>, children: <FieldTable object={object.data} onSave={saveField} /> },
          { key: 'rules', label: <span data-testid="tab-rules">{t('rules:title')}</span>, children: <ObjectRules object={name} /> },
          { key: 'history', label: <span data-testid="tab-history">{t('tabs.history')}</span>, children: <DocumentHistory kind="object" name={name} /> },
        ]}
      />
      {modal}
    </div>
  );
}
