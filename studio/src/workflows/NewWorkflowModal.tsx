/** A new workflow: its API name, labels and object, deployed (after the plan is confirmed) as an inactive start → end. */
import { useState } from 'react';
import { Form, Input, Modal, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { Label } from '../../../metadata/src/types.ts';
import { useObjects } from '../api/queries.ts';
import { FormProblems } from '../deploy/FormProblems.tsx';
import { markFormErrors, problemsOf, type Problems } from '../deploy/problems.ts';
import { useDeploy } from '../deploy/use-deploy.tsx';
import { pick } from '../i18n/index.ts';
import { newWorkflowDoc } from './workflow-draft.ts';

interface Values {
  name: string;
  label: Label;
  object: string;
}

const NAME = /^[a-z][a-z0-9_]{0,47}$/;

export function NewWorkflowModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation('workflows');
  const [form] = Form.useForm<Values>();
  const navigate = useNavigate();
  const objects = useObjects();
  const { deploy, modal } = useDeploy();
  const [problems, setProblems] = useState<Problems | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (values: Values) => {
    setBusy(true);
    setProblems(null);
    try {
      if (await deploy(newWorkflowDoc(values.name, values.label, values.object))) {
        onClose();
        form.resetFields();
        navigate(`/workflows/${values.name}`);
      }
    } catch (error) {
      setProblems(problemsOf(error));
      markFormErrors(form, error, ['name', 'label', 'object']);
    } finally {
      setBusy(false);
    }
  };

  const required = { required: true, message: t('form.required') };
  return (
    <Modal open={open} title={t('newWorkflow')} okText={t('save')} cancelText={t('cancel')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy} okButtonProps={{ 'data-testid': 'new-workflow-save' }} destroyOnHidden>
      <FormProblems problems={problems} />
      <Typography.Paragraph type="secondary">{t('newWorkflowNote')}</Typography.Paragraph>
      <Form<Values> form={form} layout="vertical" onFinish={submit} data-testid="new-workflow-form">
        <Form.Item name="name" label={t('form.name')} extra={t('form.nameHelp')} rules={[required, { pattern: NAME, message: t('form.nameHelp') }]}>
          <Input data-testid="workflow-name" />
        </Form.Item>
        <Form.Item name={['label', 'zh-CN']} label={t('form.labelZh')} rules={[required]}>
          <Input data-testid="workflow-label-zh" />
        </Form.Item>
        <Form.Item name={['label', 'en']} label={t('form.labelEn')} rules={[required]}>
          <Input data-testid="workflow-label-en" />
        </Form.Item>
        <Form.Item name="object" label={t('form.object')} rules={[required]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            loading={objects.isPending}
            options={(objects.data ?? []).map((o) => ({ value: o.name, label: `${pick(o.label)} (${o.name})` }))}
            data-testid="new-workflow-object"
          />
        </Form.Item>
      </Form>
      {modal}
    </Modal>
  );
}
