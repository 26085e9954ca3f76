/** Why a plugin change was refused: each customization it conflicts with, by document and place, with both values. */
import { Alert, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormProblems } from '../deploy/FormProblems.tsx';
import { shownValue, type Conflict } from './conflicts.ts';
import type { Refusal } from './use-plugin-change.tsx';

export function RefusalPanel({ refusal, onClose }: { refusal: Refusal; onClose: () => void }) {
  const { t } = useTranslation('plugins');
  if (!refusal.conflicts) return <FormProblems problems={refusal.problems} />;
  return (
    <div data-testid="plugin-conflicts" style={{ marginBottom: 16 }}>
      <Alert
        type="error"
        showIcon
        closable={{ onClose }}
        title={`${refusal.title}: ${refusal.problems.message}`}
        description={t('conflicts.intro')}
        style={{ marginBottom: 8 }}
      />
      <Table<Conflict>
        size="small"
        rowKey={(c) => `${c.document.kind}:${c.document.name}${c.path}`}
        dataSource={refusal.conflicts}
        pagination={false}
        columns={[
          { key: 'document', title: t('conflicts.document'), render: (c: Conflict) => <Typography.Text code>{`${c.document.kind}:${c.document.name}`}</Typography.Text> },
          { key: 'path', title: t('conflicts.path'), render: (c: Conflict) => <Typography.Text code>{c.path || '/'}</Typography.Text> },
          { key: 'message', title: t('conflicts.problem'), render: (c: Conflict) => <span data-testid="conflict-message">{c.message}</span> },
          { key: 'plugin', title: t('conflicts.pluginValue'), render: (c: Conflict) => <Value value={c.plugin} testId="conflict-plugin-value" /> },
          { key: 'custom', title: t('conflicts.customValue'), render: (c: Conflict) => <Value value={c.custom} testId="conflict-custom-value" /> },
        ]}
      />
    </div>
  );
}

function Value({ value, testId }: { value: unknown; testId: string }) {
  const { t } = useTranslation('plugins');
  if (value === undefined) return <Typography.Text type="secondary">{t('conflicts.notSet')}</Typography.Text>;
  return <Typography.Text code data-testid={testId}>{shownValue(value)}</Typography.Text>;
}
