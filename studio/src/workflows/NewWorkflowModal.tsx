/** A new workflow: its API name, labels and object, deployed (after the plan is confirmed) as an inactive start → end. */
import { Form, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useObjects } from '../api/queries.ts';
import { NewDocumentModal, type NewDocumentValues } from '../deploy/NewDocumentModal.tsx';
import { pick } from '../i18n/index.ts';
import { newWorkflowDoc } from './workflow-draft.ts';

interface Values extends NewDocumentValues {
  object: string;
}

export function NewWorkflowModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation('workflows');
  const objects = useObjects();
  return (
    <NewDocumentModal<Values>
      open={open}
      onClose={onClose}
      title={t('newWorkflow')}
      note={t('newWorkflowNote')}
      testId="workflow"
      editorPath="/workflows"
      toDraft={(values) => newWorkflowDoc(values.name, values.label, values.object)}
      otherFields={['object']}
    >
      <Form.Item name="object" label={t('form.object')} rules={[{ required: true, message: t('form.required') }]}>
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          loading={objects.isPending}
          options={(objects.data ?? []).map((o) => ({ value: o.name, label: `${pick(o.label)} (${o.name})` }))}
          data-testid="new-workflow-object"
        />
      </Form.Item>
    </NewDocumentModal>
  );
}
