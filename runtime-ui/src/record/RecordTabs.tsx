/** Below the record: its related lists, letters, approvals, history and attachments, one tab each. */
import { Card, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import type { UiObject } from '../../../metadata/src/ui-contract.ts';
import type { RecordData } from '../api/records.ts';
import { pick } from '../i18n/index.ts';
import { LettersPanel } from '../letters/LettersPanel.tsx';
import { ApprovalPanel } from './ApprovalPanel.tsx';
import { AttachmentsPanel } from './AttachmentsPanel.tsx';
import { HistoryTimeline } from './HistoryTimeline.tsx';
import { RelatedList } from './RelatedList.tsx';

export function RecordTabs({ ui, record }: { ui: UiObject; record: RecordData }) {
  const { t } = useTranslation('record');
  const items = [
    ...ui.related.map((related) => ({
      key: `related-${related.object}-${related.via}`,
      label: pick(related.label),
      children: <RelatedList related={related} recordId={record.id} />,
    })),
    ...(ui.letters.templates.length ? [{ key: 'letters', label: t('letters:tab'), children: <LettersPanel ui={ui} record={record} /> }] : []),
    ...(ui.workflows.length ? [{ key: 'approvals', label: t('approvals'), children: <ApprovalPanel ui={ui} record={record} /> }] : []),
    { key: 'history', label: t('history'), children: <HistoryTimeline ui={ui} recordId={record.id} /> },
    { key: 'attachments', label: t('attachments'), children: <AttachmentsPanel object={ui.name} recordId={record.id} canEdit={ui.rights.update} /> },
  ];
  return (
    <Card data-testid="record-tabs" styles={{ body: { paddingTop: 8 } }}>
      <Tabs items={items} destroyOnHidden />
    </Card>
  );
}
