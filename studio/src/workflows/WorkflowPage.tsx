/** `/studio/workflows/:name`: the designer and the history of one workflow; every save is a deploy of its custom layer. */
import { Alert, Breadcrumb, Space, Spin, Tabs, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { WorkflowDoc } from '../../../metadata/src/types.ts';
import { customDocument, latestByLayer } from '../api/meta.ts';
import { useDocument, useDocumentHistory, useObjects } from '../api/queries.ts';
import { useDeploy } from '../deploy/use-deploy.tsx';
import { DocumentHistory } from '../history/DocumentHistory.tsx';
import { pick } from '../i18n/index.ts';
import { WorkflowDesigner } from './WorkflowDesigner.tsx';
import { workflowDraft } from './workflow-draft.ts';

export function WorkflowPage() {
  const name = useParams().name!;
  const { t } = useTranslation('workflows');
  const workflow = useDocument('workflow', name);
  const history = useDocumentHistory('workflow', name);
  const objects = useObjects();
  const { deploy, modal } = useDeploy();

  const error = workflow.error ?? history.error ?? objects.error;
  if (error) return <Alert type="error" showIcon title={error.message} />;
  if (!workflow.data || !history.data || !objects.data) return <Spin style={{ display: 'block', margin: 48 }} />;
  const [doc, versions] = [workflow.data, history.data];
  const layers = Object.entries(latestByLayer(versions)).filter(([, v]) => !v.deleted).map(([layer]) => layer);
  const draftOf = (edited: WorkflowDoc) => workflowDraft(edited, doc, customDocument('workflow', name, versions));

  return (
    <div data-testid="workflow-page">
      <Breadcrumb items={[{ title: <Link to="/workflows">{t('title')}</Link> }, { title: name }]} style={{ marginBottom: 12 }} />
      <Space align="baseline" style={{ marginBottom: 8 }}>
        <Typography.Title level={3} style={{ margin: 0 }} data-testid="workflow-title">{pick(doc.label)}</Typography.Title>
        <Typography.Text code>{name}</Typography.Text>
        {layers.map((layer) => <Tag key={layer} color={layer === 'base' ? 'purple' : 'blue'}>{t(`layers.${layer}`)}</Tag>)}
      </Space>
      <Tabs
        items={[
          {
            key: 'design', label: <span data-testid="tab-design">{t('tabs.design')}</span>,
            children: <WorkflowDesigner key={name} doc={doc} objects={objects.data} draftOf={draftOf} save={deploy} />,
          },
          { key: 'history', label: <span data-testid="tab-history">{t('tabs.history')}</span>, children: <DocumentHistory kind="workflow" name={name} /> },
        ]}
      />
      {modal}
    </div>
  );
}
