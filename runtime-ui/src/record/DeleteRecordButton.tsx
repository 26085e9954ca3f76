import { DeleteOutlined } from '@ant-design/icons';
import { App, Button, Popconfirm, type ButtonProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { UiObject } from '../../../metadata/src/ui-contract.ts';
import { deleteRecord, type RecordData } from '../api/records.ts';

/** Delete after a confirmation, then back to the object's list. */
export function DeleteRecordButton({ ui, record }: { ui: UiObject; record: RecordData }) {
  const { t } = useTranslation('record');
  const { message } = App.useApp();
  const navigate = useNavigate();
  const remove = async () => {
    try {
      await deleteRecord(ui.name, record.id);
      void message.success(t('deleted'));
      navigate(`/o/${ui.name}`);
    } catch (error) {
      void message.error((error as Error).message);
    }
  };
  return (
    <Popconfirm title={t('deleteConfirm')} okText={t('delete')} cancelText={t('cancel')} okButtonProps={{ danger: true, 'data-testid': 'record-delete-confirm' } as ButtonProps} onConfirm={remove}>
      <Button danger icon={<DeleteOutlined />} data-testid="record-delete">{t('delete')}</Button>
    </Popconfirm>
  );
}
