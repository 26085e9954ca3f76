/** `/studio/workflows`: every workflow with its object, whether it is active and its size, and the dialog that starts a new one. */
import { useState } from 'react';
import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { WorkflowDoc } from '../../../metadata/src/types.ts';
import { useDocuments } from '../api/queries.ts';
import { pick } from '../i18n/index.ts';
import { NewWorkflowModal } from './NewWorkflowModal.tsx';

export function WorkflowsPage() {
  const { t } = useTranslation('workflows');
  const workflows = useDocuments('workflow');
  const [creating, setCreating] = useState(false);
  const columns = [
    { key: 'name', title: t('columns.name'), render: (w: WorkflowDoc) => <Link to={`/workflows/${w.name}`} data-testid={`workflow-link-${w.name}`}>{w.name}</Link> },
    { key: 'label', title: t('columns.label'), render: (w: WorkflowDoc) => pick(w.label) },
    { key: 'object', title: t('columns.object'), render: (w: WorkflowDoc) => <Typography.Text code>{w.object}</Typography.Text> },
    {
      key: 'active', title: t('columns.active'),
      render: (w: WorkflowDoc) => <Tag color={w.active === false ? 'default' : 'green'} data-testid={`workflow-active-${w.name}`}>{t(w.active === false ? 'no' : 'yes')}</Tag>,
    },
    { key: 'nodes', title: t('columns.nodes'), align: 'right' as const, render: (w: WorkflowDoc) => w.nodes.length },
  ];
  return (
    <div data-testid="workflows-page">
      <Flex justify="space-between" align="center" style={{ marginBottom: 16 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>{t('title')}</Typography.Title>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="new-workflow">{t('newWorkflow')}</Button>
      </Flex>
      {workflows.error && <Alert type="error" showIcon title={workflows.error.message} />}
      <Table<WorkflowDoc> rowKey="name" size="middle" loading={workflows.isPending} dataSource={workflows.data} columns={columns} pagination={{ pageSize: 50, hideOnSinglePage: true }} />
      <NewWorkflowModal open={creating} onClose={() => setCreating(false)} />
    </div>
  );
}
