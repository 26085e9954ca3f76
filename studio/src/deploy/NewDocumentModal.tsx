/**
 * A new document's first values in a modal: its API name and labels, and whatever else `children` asks for. On save
 * the draft `toDraft` makes is deployed (after the plan is confirmed) and its editor, `${editorPath}/${name}`, opens.
 * Test ids: `new-${testId}-form`, `new-${testId}-save`, and NameAndLabelItems' with the prefix `testId`.
 */
import type { ReactNode } from 'react';
import { Form, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { Label } from '../../../metadata/src/types.ts';
import type { Draft } from '../api/meta.ts';
import { NameAndLabelItems } from '../shell/NameAndLabelItems.tsx';
import { FormProblems } from './FormProblems.tsx';
import { useDeploy } from './use-deploy.tsx';
import { useSave } from './use-save.ts';

export interface NewDocumentValues {
  name: string;
  label: Label;
}

interface Props<V extends NewDocumentValues> {
  open: boolean;
  onClose: () => void;
  title: string;
  note: string;
  testId: string;
  editorPath: string;
  toDraft: (values: V) => Draft;
  /** The names of the form items in `children`, where the engine's errors about them go. */
  otherFields?: readonly string[];
  children?: ReactNode;
}

export function NewDocumentModal<V extends NewDocumentValues>({ open, onClose, title, note, testId, editorPath, toDraft, otherFields = [], children }: Props<V>) {
  const { t } = useTranslation('shell');
  const [form] = Form.useForm<V>();
  const navigate = useNavigate();
  const { deploy, modal } = useDeploy();
  const { save, busy, problems } = useSave(form, ['name', 'label', ...otherFields]);

  const submit = async (values: V) => {
    if (await save(() => deploy(toDraft(values)))) {
      onClose();
      form.resetFields();
      navigate(`${editorPath}/${values.name}`);
    }
  };

  return (
    <Modal open={open} title={title} okText={t('document.save')} cancelText={t('document.cancel')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy} okButtonProps={{ 'data-testid': `new-${testId}-save` }} destroyOnHidden>
      <FormProblems problems={problems} />
      <Typography.Paragraph type="secondary">{note}</Typography.Paragraph>
      <Form<V> form={form} layout="vertical" onFinish={submit} data-testid={`new-${testId}-form`}>
        <NameAndLabelItems testId={testId} />
        {children}
      </Form>
      {modal}
    </Modal>
  );
}
