import { RollbackOutlined } from '@ant-design/icons';
import { App, Button, Popconfirm } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { recallRecord } from './record-api.ts';

/** For the submitter while the approval is pending: take the submission back. */
export function RecallButton({ object, recordId, onDone }: { object: string; recordId: string; onDone: () => Promise<void> }) {
  const { t } = useTranslation('record');
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const recall = async () => {
    setBusy(true);
    try {
      await recallRecord(object, recordId);
      void message.success(t('recalled'));
      await onDone();
    } catch (error) {
      void message.error((error as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Popconfirm title={t('recallConfirm')} okText={t('recall')} cancelText={t('cancel')} onConfirm={recall}>
      <Button icon={<RollbackOutlined />} loading={busy} data-testid="approval-recall">{t('recall')}</Button>
    </Popconfirm>
  );
}
