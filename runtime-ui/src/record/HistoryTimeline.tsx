/** The record's audit trail, newest first: who, when, and each changed field old → new. */
import { Empty, Skeleton, Tag, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { UiObject } from '../../../metadata/src/ui-contract.ts';
import { pick } from '../i18n/index.ts';
import { useSession } from '../shell/session.tsx';
import type { HistoryEntry } from './approval-types.ts';
import { FieldDisplay } from './FieldDisplay.tsx';
import { useHistory } from './record-queries.ts';

const SYSTEM_FIELDS = new Set(['id', 'version', 'created_at', 'created_by', 'updated_at', 'updated_by', 'owner_id', 'deleted_at']);
const ACTION_COLORS = { create: 'green', update: 'blue', delete: 'red', restore: 'gray' } as const;

export function HistoryTimeline({ ui, recordId }: { ui: UiObject; recordId: string }) {
  const { t } = useTranslation('record');
  const history = useHistory(ui.name, recordId);
  const { app } = useSession();
  if (history.isPending) return <Skeleton active />;
  const entries = [...(history.data ?? [])].reverse();
  if (!entries.length) return <Empty description={t('noHistory')} />;
  const who = (entry: HistoryEntry) =>
    entry.actorName ?? (entry.actor === app.user.id ? app.user.displayName ?? app.user.username : entry.actor ? t('someone') : t('system'));
  return (
    <Timeline
      data-testid="history"
      items={entries.map((entry) => ({
        key: entry.id,
        color: ACTION_COLORS[entry.action],
        content: (
          <div data-testid="history-entry">
            <Typography.Text strong>{who(entry)}</Typography.Text>{' '}
            <Tag>{t(`action.${entry.action}`)}</Tag>
            <Typography.Text type="secondary">{dayjs(entry.at).format('YYYY-MM-DD HH:mm:ss')}</Typography.Text>
            {entry.action === 'update' && <Changes ui={ui} entry={entry} />}
          </div>
        ),
      }))}
    />
  );
}

function Changes({ ui, entry }: { ui: UiObject; entry: HistoryEntry }) {
  const rows = Object.entries(entry.changes).filter(([name]) => !SYSTEM_FIELDS.has(name));
  return (
    <ul style={{ margin: '4px 0 0', paddingLeft: 20 }}>
      {rows.map(([name, change]) => {
        const field = ui.fields.find((f) => f.name === name);
        return (
          <li key={name} data-testid={`history-change-${name}`}>
            {field ? pick(field.label) : name}：
            {field ? <FieldDisplay field={field} value={change.old} /> : String(change.old ?? '—')} → {field ? <FieldDisplay field={field} value={change.new} /> : String(change.new ?? '—')}
          </li>
        );
      })}
    </ul>
  );
}
