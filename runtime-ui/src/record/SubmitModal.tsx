/** Submit for approval: choose the workflow (when several are offered), see the route, add a comment (or the reason a workflow asks for). */
import { Alert, App, Form, Input, Modal, Select, Skeleton, type ButtonProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UiObject } from '../../../metadata/src/ui-contract.ts';
import type { RecordData } from '../api/records.ts';
import { pick } from '../i18n/index.ts';
import type { OfferedWorkflow } from './offered-workflows.ts';
import { submitRecord } from './record-api.ts';
import { useSubmitPreview } from './record-queries.ts';
import { RouteStops } from './RouteStops.tsx';

interface Props {
  ui: UiObject;
  workflows: OfferedWorkflow[];
  record: RecordData;
  onClose: () => void;
  onDone: () => Promise<void>;
}

export function SubmitModal({ ui, workflows, record, onClose, onDone }: Props) {
  const { t } = useTranslation('record');
  const { message } = App.useApp();
  const [workflow, setWorkflow] = useState<string>(workflows[0].name);
  const [comment, setComment] = useState('');
  const asked = workflows.find((w) => w.name === workflow)?.comment;
  const commentMissing = Boolean(asked?.required) && !comment.trim();
  const [busy, setBusy] = useState(false);
  const preview = useSubmitPreview(ui.name, record.id, workflow, true);
  const submit = async () => {
    setBusy(true);
    try {
      await submitRecord(ui.name, record.id, { workflow, comment: comment || undefined });
      void message.success(t('submitted'));
      onClose();
      await onDone();
    } catch (error) {
      void message.error((error as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={t('submitTitle')}
      okText={t('submit')}
      cancelText={t('cancel')}
      confirmLoading={busy}
      okButtonProps={{ disabled: !preview.data?.canSubmit || commentMissing, 'data-testid': 'approval-submit-confirm' } as ButtonProps}
      onOk={() => void submit()}
      onCancel={onClose}
      width={560}
    >
      <Form layout="vertical">
        {workflows.length > 1 && (
          <Form.Item label={t('workflow')}>
            <Select data-testid="approval-workflow" value={workflow} onChange={setWorkflow} options={workflows.map((w) => ({ value: w.name, label: pick(w.label) }))} />
          </Form.Item>
        )}
        <Form.Item label={t('route')}>
          {preview.isPending ? <Skeleton active /> : preview.data ? <RouteStops preview={preview.data} /> : <Alert type="error" showIcon title={(preview.error as Error | null)?.message} />}
          {preview.data && !preview.data.canSubmit && <Alert type="warning" showIcon title={preview.data.refusal ? pick(preview.data.refusal) : t('cannotSubmit')} />}
        </Form.Item>
        <Form.Item label={asked?.label ? pick(asked.label) : t('comment')} required={asked?.required}>
          <Input.TextArea data-testid="approval-comment" rows={3} maxLength={2000} value={comment} onChange={(e) => setComment(e.target.value)} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
