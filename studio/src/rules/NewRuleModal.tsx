/** A new rule's API name and object; the editor opens on it, and nothing is deployed until it is saved there. */
import { Form, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ApiNameItem } from '../shell/NameAndLabelItems.tsx';
import { ObjectSelect } from './ObjectSelect.tsx';

interface Values {
  name: string;
  object: string;
}

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
        <ApiNameItem testId="new-rule-name" />
      </Form>
    </Modal>
  );
}
