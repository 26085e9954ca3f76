/** One record: header, the read view or the edit form, and the tabs below (related, approvals, history, files). */
import { Card, Result, Skeleton } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UiObject } from '../../../metadata/src/ui-contract.ts';
import { recordTitle } from '../api/ui.ts';
import { NotFound } from '../shell/NotFound.tsx';
import { rememberRecent } from '../shell/recent.ts';
import { isNotFound } from './is-not-found.ts';
import { LazyRecordForm } from './LazyRecordForm.tsx';
import { RecordHeader } from './RecordHeader.tsx';
import { useRecord, useRefreshRecord } from './record-queries.ts';
import { RecordSections } from './RecordSections.tsx';
import { RecordTabs } from './RecordTabs.tsx';

export function RecordView({ ui, id }: { ui: UiObject; id: string }) {
  const { t } = useTranslation('record');
  const record = useRecord(ui.name, id);
  const refresh = useRefreshRecord(ui.name, id);
  const [editing, setEditing] = useState(false);
  const title = record.data ? recordTitle(ui, record.data) : '';
  useEffect(() => {
    if (record.data) rememberRecent({ object: ui.name, id, title });
  }, [ui.name, id, title, record.data]);

  if (record.isPending) return <Skeleton active style={{ padding: 24 }} />;
  if (isNotFound(record.error)) return <NotFound />;
  if (!record.data) return <Result status="error" title={t('loadFailed')} subTitle={(record.error as Error | null)?.message} />;
  return (
    <div data-testid="record-page" style={{ display: 'flex', flexDirection: 'column', gap: 16 }}>
      <RecordHeader ui={ui} record={record.data} title={title} editing={editing} onEdit={() => setEditing(true)} onChanged={refresh} />
      {editing ? (
        <Card>
          <LazyRecordForm
            key={record.data.version}
            ui={ui}
            record={record.data}
            onSaved={() => { setEditing(false); void refresh(); }}
            onCancel={() => setEditing(false)}
          />
        </Card>
      ) : (
        <RecordSections ui={ui} record={record.data} />
      )}
      <RecordTabs ui={ui} record={record.data} />
    </div>
  );
}
