/**
 * `/o/:object/new` and `/o/:object/:id`: the create form, or the record with its sections, related lists, history,
 * approvals and attachments. An object or record the user can't see shows the same NotFound as a missing one.
 */
import { Result, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useUiObject } from '../api/ui.ts';
import { NotFound } from '../shell/NotFound.tsx';
import { CreateRecord } from './CreateRecord.tsx';
import { isNotFound } from './is-not-found.ts';
import { RecordView } from './RecordView.tsx';

export default function RecordPage() {
  const { object = '', id } = useParams();
  const { t } = useTranslation('record');
  const ui = useUiObject(object);
  if (ui.isPending) return <Skeleton active style={{ padding: 24 }} />;
  if (isNotFound(ui.error)) return <NotFound />;
  if (!ui.data) return <Result status="error" title={t('loadFailed')} subTitle={(ui.error as Error | null)?.message} />;
  return id ? <RecordView key={`${object}/${id}`} ui={ui.data} id={id} /> : <CreateRecord key={object} ui={ui.data} />;
}
