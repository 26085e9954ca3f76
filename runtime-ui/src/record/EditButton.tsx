import { EditOutlined } from '@ant-design/icons';
import { Button, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';

/** Edit; while the record is pending approval the engine refuses edits, and the button says why. */
export function EditButton({ locked, onEdit }: { locked: boolean; onEdit: () => void }) {
  const { t } = useTranslation('record');
  return (
    <Tooltip title={locked ? t('lockedHint') : undefined}>
      <Button type="primary" icon={<EditOutlined />} data-testid="record-edit" onClick={onEdit}>{t('edit')}</Button>
    </Tooltip>
  );
}
