/** file and image: an antd Upload that stores the uploaded file's id; an image shows its thumbnail. */
import { DeleteOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import type { WidgetProps } from '@rjsf/utils';
import { App, Button, Image, Space, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fileUrl, uploadFile } from '../../api/files.ts';

export default function FileWidget({ id, name, value, onChange, disabled, readonly, options }: WidgetProps) {
  const { t } = useTranslation('form');
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const isImage = options.widget === 'image';
  const fileId = typeof value === 'string' && value ? value : undefined;
  const upload = async (file: File) => {
    setBusy(true);
    try {
      const stored = await uploadFile(file);
      onChange(stored.id);
    } catch (error) {
      void message.error((error as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space id={id} data-testid={`file-${name}`} align="center" wrap>
      {fileId && isImage && <Image src={fileUrl(fileId, true)} width={64} height={64} style={{ objectFit: 'cover' }} preview={{ src: fileUrl(fileId) }} />}
      {fileId && !isImage && <a href={fileUrl(fileId)} target="_blank" rel="noreferrer"><PaperClipOutlined /> {t('download')}</a>}
      {!readonly && !disabled && (
        <Upload accept={isImage ? 'image/*' : undefined} showUploadList={false} beforeUpload={(file) => { void upload(file); return false; }}>
          <Button icon={<UploadOutlined />} loading={busy}>{fileId ? t('replaceFile') : t('uploadFile')}</Button>
        </Upload>
      )}
      {fileId && !readonly && !disabled && <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('removeFile')} onClick={() => onChange(undefined)} />}
    </Space>
  );
}
