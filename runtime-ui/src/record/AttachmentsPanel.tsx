/** The record's attachments: list, upload (then attach), download, remove. */
import { DeleteOutlined, DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { App, Button, List, Popconfirm, Typography, Upload } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { attach, detach, fileUrl, listAttachments, uploadFile } from '../api/files.ts';

interface Props {
  object: string;
  recordId: string;
  canEdit: boolean;
}

export function AttachmentsPanel({ object, recordId, canEdit }: Props) {
  const { t } = useTranslation('record');
  const { message } = App.useApp();
  const [uploading, setUploading] = useState(false);
  const attachments = useQuery({ queryKey: ['record-attachments', object, recordId], queryFn: () => listAttachments(object, recordId) });
  const act = async (work: () => Promise<unknown>, done: string) => {
    try {
      await work();
      void message.success(done);
      await attachments.refetch();
    } catch (error) {
      void message.error((error as Error).message);
    }
  };
  const upload = async (file: File) => {
    setUploading(true);
    await act(async () => attach(object, recordId, (await uploadFile(file)).id), t('attached'));
    setUploading(false);
  };
  return (
    <div data-testid="attachments">
      {canEdit && (
        <Upload showUploadList={false} multiple beforeUpload={(file) => { void upload(file); return false; }}>
          <Button icon={<UploadOutlined />} loading={uploading} data-testid="attachment-upload">{t('uploadAttachment')}</Button>
        </Upload>
      )}
      <List
        loading={attachments.isPending}
        dataSource={attachments.data ?? []}
        locale={{ emptyText: t('noAttachments') }}
        renderItem={(file) => (
          <List.Item
            data-testid="attachment"
            actions={[
              <a key="download" href={fileUrl(file.id)} target="_blank" rel="noreferrer"><DownloadOutlined /> {t('download')}</a>,
              ...(canEdit ? [
                <Popconfirm key="remove" title={t('detachConfirm')} okText={t('remove')} cancelText={t('cancel')} onConfirm={() => act(() => detach(object, recordId, file.id), t('detached'))}>
                  <Button type="link" danger size="small" icon={<DeleteOutlined />} data-testid="attachment-remove">{t('remove')}</Button>
                </Popconfirm>,
              ] : []),
            ]}
          >
            <List.Item.Meta
              title={<a href={fileUrl(file.id)} target="_blank" rel="noreferrer">{file.name}</a>}
              description={<Typography.Text type="secondary">{[sizeText(file.size), file.createdAt && dayjs(file.createdAt).format('YYYY-MM-DD HH:mm')].filter(Boolean).join(' · ')}</Typography.Text>}
            />
          </List.Item>
        )}
      />
    </div>
  );
}

function sizeText(bytes: number | undefined): string {
  if (bytes === undefined) return '';
  if (bytes < 1024) return `${bytes} B`;
  return bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
