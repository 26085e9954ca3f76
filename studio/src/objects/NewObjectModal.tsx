/**
 * A new object: its API name and its labels, deployed (after the plan is confirmed) with a required `name` text
 * field, the records' title (an object without fields cannot be deployed twice: its table leaves no field rows).
 */
import { useState } from 'react';
import { Form, Input, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { TFunction } from 'i18next';
import type { FieldDef, Label } from '../../../metadata/src/types.ts';
import { FormProblems } from '../deploy/FormProblems.tsx';
import { markFormErrors, problemsOf, type Problems } from '../deploy/problems.ts';
import { useDeploy } from '../deploy/use-deploy.tsx';

interface Values {
  name: string;
  label: Label;
}

const NAME = /^[a-z][a-z0-9_]{0,47}$/;

const titleField = (t: TFunction<'objects'>): FieldDef => ({
  name: 'name',
  type: 'text',
  label: { 'zh-CN': t('titleField', { lng: 'zh-CN' }), en: t('titleField', { lng: 'en' }) },
  required: true,
});

export function NewObjectModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation('objects');
  const [form] = Form.useForm<Values>();
  const navigate = useNavigate();
  const { deploy, modal } = useDeploy();
  const [problems, setProblems] = useState<Problems | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (values: Values) => {
    setBusy(true);
    setProblems(null);
    try {
      if (await deploy({ kind: 'object', name: values.name, label: values.label, fields: [titleField(t)] })) {
        onClose();
        form.resetFields();
        navigate(`/objects/${values.name}`);
      }
    } catch (error) {
      setProblems(problemsOf(error));
      markFormErrors(form, error, ['name', 'label']);
    } finally {
      setBusy(false);
    }
  };

  const required = { required: true, message: t('form.required') };
  return (
    <Modal open={open} title={t('newObject')} okText={t('save')} cancelText={t('cancel')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy} okButtonProps={{ 'data-testid': 'new-object-save' }} destroyOnHidden>
      <FormProblems problems={problems} />
      <Typography.Paragraph type="secondary">{t('newObjectNote')}</Typography.Paragraph>
      <Form<Values> form={form} layout="vertical" onFinish={submit} data-testid="new-object-form">
        <Form.Item name="name" label={t('form.name')} extra={t('form.nameHelp')} rules={[required, { pattern: NAME, message: t('form.nameHelp') }]}>
          <Input data-testid="object-name" />
        </Form.Item>
        <Form.Item name={['label', 'zh-CN']} label={t('form.labelZh')} rules={[required]}>
          <Input data-testid="object-label-zh" />
        </Form.Item>
        <Form.Item name={['label', 'en']} label={t('form.labelEn')} rules={[required]}>
          <Input data-testid="object-label-en" />
        </Form.Item>
      </Form>
      {modal}
    </Modal>
  );
}
