/** One version of the custom layer beside the current one: only what differs, old on the left, current on the right. */
import { Empty, Modal, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DocumentVersion } from '../api/meta.ts';
import { diffDocs, type DiffRow } from './diff-docs.ts';

const Json = ({ value, color }: { value: unknown; color: string }) =>
  value === undefined ? null : <pre style={{ margin: 0, padding: 4, background: color, whiteSpace: 'pre-wrap', fontSize: 12 }}>{JSON.stringify(value, null, 2)}</pre>;

interface Props {
  version: DocumentVersion | null;
  current: DocumentVersion | undefined;
  onClose: () => void;
}

export function DiffModal({ version, current, onClose }: Props) {
  const { t } = useTranslation('deploy');
  const rows = version ? diffDocs(version.body, current?.deleted ? null : current?.body) : [];
  const columns = [
    { key: 'path', title: t('history.path'), width: 200, render: (row: DiffRow) => <code>{row.path}</code> },
    { key: 'before', title: t('history.thisVersion'), render: (row: DiffRow) => <Json value={row.before} color="#fff1f0" /> },
    { key: 'after', title: t('history.currentVersion'), render: (row: DiffRow) => <Json value={row.after} color="#f6ffed" /> },
  ];
  return (
    <Modal open={version !== null} title={t('history.diffTitle', { version: version?.version })} width={900} footer={null} onCancel={onClose} destroyOnHidden>
      <div data-testid="history-diff">
        {rows.length ? <Table<DiffRow> rowKey="path" size="small" pagination={false} dataSource={rows} columns={columns} /> : <Empty description={t('history.same')} />}
      </div>
    </Modal>
  );
}
