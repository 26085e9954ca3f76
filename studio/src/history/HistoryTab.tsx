/** Every stored version of a document, per layer; a custom-layer version can be compared and rolled back to. */
import { useState } from 'react';
import { Alert, Button, Space, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { latestByLayer, type DocumentVersion } from '../api/meta.ts';
import { useSession } from '../shell/session.tsx';
import { DiffModal } from './DiffModal.tsx';

interface Props {
  history: DocumentVersion[];
  /** Deploys the custom layer as it was at a version; version 0 removes the customization. */
  onRollback: (version: number) => Promise<void>;
}

export function HistoryTab({ history, onRollback }: Props) {
  const { t } = useTranslation('deploy');
  const { t: tObjects } = useTranslation('objects');
  const { me } = useSession();
  const [comparing, setComparing] = useState<DocumentVersion | null>(null);
  // The API names who by user id; the signed-in user is shown by name.
  const who = (id: string | null | undefined) => (id && id === me.user.id ? (me.user.displayName ?? me.user.username) : (id ?? '—'));
  const current = latestByLayer(history).custom;
  const isCurrent = (v: DocumentVersion) => v.layer === current?.layer && v.version === current.version;
  const columns = [
    { key: 'version', title: t('history.version'), render: (v: DocumentVersion) => <Space>{v.version}{isCurrent(v) && <Tag color="green">{t('history.current')}</Tag>}{v.deleted && <Tag color="red">{t('history.deleted')}</Tag>}</Space> },
    { key: 'layer', title: t('history.layer'), render: (v: DocumentVersion) => <Tag color={v.layer === 'base' ? 'purple' : 'blue'}>{tObjects(`layers.${v.layer}`)}</Tag> },
    { key: 'when', title: t('history.when'), render: (v: DocumentVersion) => (v.createdAt ? dayjs(v.createdAt).format('YYYY-MM-DD HH:mm:ss') : '') },
    { key: 'who', title: t('history.who'), render: (v: DocumentVersion) => who(v.createdBy) },
    {
      key: 'actions',
      render: (v: DocumentVersion) => v.layer === 'custom' && !v.deleted && !isCurrent(v) && (
        <Space>
          <Button size="small" onClick={() => setComparing(v)} data-testid={`history-diff-${v.version}`}>{t('history.diff')}</Button>
          <Button size="small" danger onClick={() => void onRollback(v.version)} data-testid={`history-rollback-${v.version}`}>{t('history.rollback')}</Button>
        </Space>
      ),
    },
  ];
  return (
    <div data-testid="history-tab">
      <Alert
        type="info"
        showIcon
        title={t('history.baseOnlyNote')}
        style={{ marginBottom: 12 }}
        action={current && !current.deleted && (
          <Button size="small" danger onClick={() => void onRollback(0)} data-testid="history-rollback-0">
            {history.some((v) => v.layer === 'base') ? t('history.removeCustomization') : t('history.removeDocument')}
          </Button>
        )}
      />
      <Table<DocumentVersion> rowKey={(v) => `${v.layer}:${v.version}`} size="middle" dataSource={history} columns={columns} pagination={false} />
      <DiffModal version={comparing} current={current} onClose={() => setComparing(null)} />
    </div>
  );
}
