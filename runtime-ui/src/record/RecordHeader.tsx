/** The record's title, its state badges and what can be done to it: edit, delete, plugin actions, submit. */
import { Card, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { UiObject } from '../../../metadata/src/ui-contract.ts';
import type { RecordData } from '../api/records.ts';
import { pick } from '../i18n/index.ts';
import { DeleteRecordButton } from './DeleteRecordButton.tsx';
import { EditButton } from './EditButton.tsx';
import { PluginActions } from './PluginActions.tsx';
import { badgeColor, badgeFields } from './status-badges.ts';
import { SubmitButton } from './SubmitButton.tsx';
import { useApprovals } from './record-queries.ts';

interface Props {
  ui: UiObject;
  record: RecordData;
  title: string;
  editing: boolean;
  onEdit: () => void;
  onChanged: () => Promise<void>;
}

export function RecordHeader({ ui, record, title, editing, onEdit, onChanged }: Props) {
  const { t } = useTranslation('record');
  const approvals = useApprovals(ui.name, record.id);
  const pending = approvals.data?.[0]?.status === 'pending';
  return (
    <Card data-testid="record-header" styles={{ body: { padding: '16px 24px' } }}>
      <Space orientation="vertical" size={4} style={{ width: '100%' }}>
        <Link to={`/o/${ui.name}`}>{pick(ui.label)}</Link>
        <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', justifyContent: 'space-between', gap: 12 }}>
          <Space wrap>
            <Typography.Title level={3} style={{ margin: 0 }} data-testid="record-title">{title}</Typography.Title>
            {badgeFields(ui).map((field) => {
              const value = record[field.name];
              if (typeof value !== 'string' || !value) return null;
              const label = pick(field.options?.find((o) => o.value === value)?.label) || value;
              return <Tag key={field.name} color={badgeColor(value)} data-testid={`badge-${field.name}`}>{label}</Tag>;
            })}
            {pending && <Tag color="orange" data-testid="badge-pending">{t('pendingApproval')}</Tag>}
          </Space>
          {!editing && (
            <Space wrap>
              {ui.rights.update && <EditButton locked={pending} onEdit={onEdit} />}
              <PluginActions ui={ui} record={record} onDone={onChanged} />
              {ui.workflows.length > 0 && !pending && ui.rights.update && <SubmitButton ui={ui} record={record} onDone={onChanged} />}
              {ui.rights.delete && <DeleteRecordButton ui={ui} record={record} />}
            </Space>
          )}
        </div>
      </Space>
    </Card>
  );
}
