import { SendOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UiObject } from '../../../metadata/src/ui-contract.ts';
import type { RecordData } from '../api/records.ts';
import { offeredWorkflows } from './offered-workflows.ts';
import { SubmitModal } from './SubmitModal.tsx';

/** "Submit for approval", opening the submit dialog; not shown while no workflow takes the record. */
export function SubmitButton({ ui, record, onDone, testId = 'approval-submit' }: { ui: UiObject; record: RecordData; onDone: () => Promise<void>; testId?: string }) {
  const { t } = useTranslation('record');
  const [open, setOpen] = useState(false);
  const workflows = offeredWorkflows(ui, record);
  if (!workflows.length) return null;
  return (
    <>
      <Button icon={<SendOutlined />} data-testid={testId} onClick={() => setOpen(true)}>{t('submitForApproval')}</Button>
      {open && <SubmitModal ui={ui} workflows={workflows} record={record} onClose={() => setOpen(false)} onDone={onDone} />}
    </>
  );
}
