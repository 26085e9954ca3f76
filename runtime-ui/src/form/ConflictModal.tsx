/**
 * Someone saved the record since it was read: reload theirs (dropping my changes), or compare field by field, choose
 * per field, and save again on top of their version.
 */
import { Alert, Button, Modal, Radio, Space, Table } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UiObject } from '../../../metadata/src/ui-contract.ts';
import { getRecord, type RecordData } from '../api/records.ts';
import { currentLanguage, pick } from '../i18n/index.ts';
import { formatValue } from '../lib/format.ts';

interface Props {
  ui: UiObject;
  id: string;
  mine: Record<string, unknown>;
  onReload: (latest: RecordData) => void;
  onSaveAgain: (latest: RecordData, changes: Record<string, unknown>) => void;
  onClose: () => void;
}

type Choice = 'mine' | 'theirs';

export function ConflictModal({ ui, id, mine, onReload, onSaveAgain, onClose }: Props) {
  const { t } = useTranslation('form');
  const [comparing, setComparing] = useState(false);
  const [choices, setChoices] = useState<Record<string, Choice>>({});
  const latest = useQuery({ queryKey: ['record-latest', ui.name, id], queryFn: () => getRecord(ui.name, id), gcTime: 0, staleTime: 0 });
  const theirs = latest.data;
  const show = (name: string, value: unknown) => {
    const field = ui.fields.find((f) => f.name === name);
    return (field ? formatValue(field, value, currentLanguage()) : String(value ?? '')) || '—';
  };
  const chosen = () => Object.fromEntries(Object.entries(mine).filter(([name]) => (choices[name] ?? 'mine') === 'mine'));
  const rows = Object.keys(mine).map((name) => ({ name, label: pick(ui.fields.find((f) => f.name === name)?.label) || name }));
  const footer = theirs && (
    <Space>
      <Button onClick={onClose}>{t('cancel')}</Button>
      <Button data-testid="conflict-reload" onClick={() => onReload(theirs)}>{t('conflictReload')}</Button>
      {comparing
        ? <Button type="primary" data-testid="conflict-save" onClick={() => onSaveAgain(theirs, chosen())}>{t('conflictSaveAgain')}</Button>
        : <Button type="primary" data-testid="conflict-compare" onClick={() => setComparing(true)}>{t('conflictCompare')}</Button>}
    </Space>
  );
  return (
    <Modal open title={t('conflictTitle')} onCancel={onClose} footer={footer} width={comparing ? 760 : 480} data-testid="conflict-modal">
      <Alert type="warning" showIcon title={t('conflictDetail')} style={{ marginBottom: 16 }} />
      {comparing && theirs && (
        <Table
          size="small"
          rowKey="name"
          pagination={false}
          dataSource={rows}
          columns={[
            { title: t('conflictField'), dataIndex: 'label' },
            { title: t('conflictMine'), render: (_, row) => show(row.name, mine[row.name]) },
            { title: t('conflictTheirs'), render: (_, row) => show(row.name, theirs[row.name]) },
            {
              title: t('conflictKeep'),
              render: (_, row) => (
                <Radio.Group
                  size="small"
                  value={choices[row.name] ?? 'mine'}
                  onChange={(e) => setChoices({ ...choices, [row.name]: e.target.value as Choice })}
                  options={[{ value: 'mine', label: t('conflictMine') }, { value: 'theirs', label: t('conflictTheirs') }]}
                />
              ),
            },
          ]}
        />
      )}
    </Modal>
  );
}
