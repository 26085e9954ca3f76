/**
 * Uninstalling a plugin: its documents go, its tables and data stay unless the admin also purges them, which drops
 * every table of the plugin for good and so asks for the plugin's name typed in. The plan follows, purge steps flagged.
 */
import { useState } from 'react';
import { Alert, Checkbox, Input, Modal, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

interface Props {
  plugin: string | null;
  onCancel: () => void;
  onUninstall: (purge: boolean) => void;
}

export function UninstallModal({ plugin, onCancel, onUninstall }: Props) {
  const { t } = useTranslation('plugins');
  const [purge, setPurge] = useState(false);
  const [typed, setTyped] = useState('');
  const confirmed = !purge || typed === plugin;
  return (
    <Modal
      open={plugin !== null}
      title={t('uninstall.title', { name: plugin })}
      okText={t('uninstall.preview')}
      cancelText={t('cancel')}
      okButtonProps={{ danger: true, disabled: !confirmed, 'data-testid': 'uninstall-preview' }}
      onOk={() => onUninstall(purge)}
      onCancel={onCancel}
      afterClose={() => { setPurge(false); setTyped(''); }}
      destroyOnHidden
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Paragraph>{t('uninstall.keeps')}</Typography.Paragraph>
        <Checkbox checked={purge} onChange={(e) => setPurge(e.target.checked)} data-testid="uninstall-purge">{t('uninstall.purge')}</Checkbox>
        {purge && (
          <>
            <Alert type="error" showIcon title={t('uninstall.purgeWarning')} />
            <Input value={typed} onChange={(e) => setTyped(e.target.value)} placeholder={plugin ?? ''} data-testid="uninstall-confirm-name" />
          </>
        )}
      </Space>
    </Modal>
  );
}
