/** A new rule's API name and object; the editor opens on it, and nothing is deployed until it is saved there. */
import { Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ObjectSelect } from './ObjectSelect.tsx';

interface Values {
  name: string;
  object: string;
}

const NAME = /^[a-z][a-z0-9_]{0,62}$/;

export function NewRuleModal({ open, object, onClose }: { open: boolean; object: string | undefined; onClose: () => void }) {
  const { t } = useTranslation('rules');
  const [form] = Form.useForm<Values>();
  const navigate = useNavigate();
  const submit = (values: Values) => {
    onClose();
    navigate(`/rules/${values.name}?new=${values.object}`);
  };
  const required = { required: true, message: t('form.required') };
  return (
    <Modal open={open} title={t('newRule')} okText={t('newRule')} cancelText={t('cancel')} onCancel={onClose} onOk={() => form.submit()} okButtonProps={{ 'data-testid': 'new-rule-open' }} destroyOnHidden>
      <Form<Values> form={form} layout="vertical" onFinish={submit} initialValues={{ object }} preserve={false}>
        <Form.Item name="object" label={t('form.object')} rules={[required]}>
          <ObjectSelect testId="new-rule-object" />
        </Form.Item>
        <Form.Item name="name" label={t('form.name')} extra={t('form.nameHelp')} rules={[required, { pattern: NAME, message: t('form.nameHelp') }]}>
          <Input data-testid="new-rule-name" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
