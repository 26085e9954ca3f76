/** Installing a plugin folder of the server's plugins folder by its name, with or without its demo data. */
import { useState } from 'react';
import { Button, Checkbox, Input, Space } from 'antd';
import { useTranslation } from 'react-i18next';

export function InstallForm({ onInstall }: { onInstall: (folder: string, demo: boolean) => Promise<boolean> }) {
  const { t } = useTranslation('plugins');
  const [folder, setFolder] = useState('');
  const [demo, setDemo] = useState(false);
  const [busy, setBusy] = useState(false);
  const install = async () => {
    setBusy(true);
    try {
      if (await onInstall(folder.trim(), demo)) setFolder('');
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space wrap>
      <Input value={folder} onChange={(e) => setFolder(e.target.value)} placeholder={t('install.folder')} style={{ width: 240 }} data-testid="install-folder" />
      <Checkbox checked={demo} onChange={(e) => setDemo(e.target.checked)} data-testid="install-demo">{t('install.demo')}</Checkbox>
      <Button onClick={() => void install()} disabled={!folder.trim()} loading={busy} data-testid="install-preview">{t('install.preview')}</Button>
    </Space>
  );
}
