/** The list's bulk action: letters for the selected records (a tender season's 200), issued as background work. */
import { FileAddOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UiObject } from '../../../metadata/src/ui-contract.ts';
import { newWorkId, recentWorkKey, workHeaders } from '../work/useWork.ts';
import { IssueLetterModal } from './IssueLetterModal.tsx';
import { issueLetters, type LetterSpec } from './letters-api.ts';

export function IssueLettersButton({ ui, ids }: { ui: UiObject; ids: string[] }) {
  const { t } = useTranslation('letters');
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const issue = async (spec: LetterSpec) => {
    try {
      const { total } = await issueLetters(spec, ids, workHeaders(newWorkId()));
      await queryClient.invalidateQueries({ queryKey: recentWorkKey });
      void message.success(t('batchQueued', { count: total }));
    } catch (error) {
      void message.error((error as Error).message);
      throw error;
    }
  };
  return (
    <>
      <Button icon={<FileAddOutlined />} onClick={() => setOpen(true)} data-testid="list-issue-letters">{t('issueMany')}</Button>
      {open && <IssueLetterModal ui={ui} count={ids.length} onIssue={issue} onClose={() => setOpen(false)} />}
    </>
  );
}
