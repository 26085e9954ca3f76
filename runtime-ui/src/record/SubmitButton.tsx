import { SendOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UiObject } from '../../../metadata/src/ui-contract.ts';
import type { RecordData } from '../api/records.ts';
import { SubmitModal } from './SubmitModal.tsx';

/** "Submit for approval", opening the submit dialog. */
export function SubmitButton({ ui, record, onDone, testId = 'approval-submit' }: { ui: UiObject; record: RecordData; onDone: () => Promise<void>; testId?: string }) {
  const { t } = useTranslation('record');
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button icon={<SendOutlined />} data-testid={testId} onClick={() => setOpen(true)}>{t('submitForApproval')}</Button>
      {open && <SubmitModal ui={ui} record={record} onClose={() => setOpen(false)} onDone={onDone} />}
    </>
  );
}
