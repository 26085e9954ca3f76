/**
 * `/studio/plugins`: the installed plugins with their versions and the newer version their folder holds; upgrade,
 * install and uninstall each show their plan first, and a refused upgrade lists the customizations it conflicts with.
 */
import { useState, type HTMLAttributes } from 'react';
import { Alert, Button, Card, Space, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { pick } from '../i18n/index.ts';
import { useSession } from '../shell/session.tsx';
import { RefusalPanel } from './ConflictList.tsx';
import { InstallForm } from './InstallForm.tsx';
import { installPlugin, listPlugins, uninstallPlugin, upgradePlugin, type InstalledPlugin } from './plugins-api.ts';
import { UninstallModal } from './UninstallModal.tsx';
import { pluginsKey, usePluginChange } from './use-plugin-change.tsx';
import { WorkProgress } from './WorkProgress.tsx';

export function PluginsPage() {
  const { t } = useTranslation('plugins');
  const plugins = useQuery({ queryKey: pluginsKey, queryFn: listPlugins });
  const mayChange = useSession().me.rights.includes('plugins');
  const { run, modal, workId, refusal, dismiss } = usePluginChange();
  const [uninstalling, setUninstalling] = useState<string | null>(null);

  const upgrade = (p: InstalledPlugin) =>
    void run(t('upgrade.what', { name: p.name, version: p.availableVersion }), (dryRun, id) => upgradePlugin(p.name, dryRun, id));
  const uninstall = (name: string, purge: boolean) => {
    setUninstalling(null);
    void run(t('uninstall.what', { name }), (dryRun, id) => uninstallPlugin(name, { dryRun, purge }, id));
  };
  const install = (folder: string, demo: boolean) => run(t('install.what', { name: folder }), (dryRun, id) => installPlugin(folder, { dryRun, demo }, id));

  const columns = [
    {
      key: 'plugin', title: t('columns.plugin'),
      render: (p: InstalledPlugin) => <Space orientation="vertical" size={0}><Typography.Text strong>{pick(p.label)}</Typography.Text><Typography.Text code>{p.name}</Typography.Text></Space>,
    },
    { key: 'version', title: t('columns.version'), render: (p: InstalledPlugin) => <Tag color="purple" data-testid={`plugin-version-${p.name}`}>{p.version}</Tag> },
    {
      key: 'state', title: t('columns.state'),
      render: (p: InstalledPlugin) => (
        <span data-testid={`plugin-state-${p.name}`}>
          {p.availableVersion ? <Tag color="green">{t('state.upgradable', { version: p.availableVersion })}</Tag> : <Tag>{t('state.current')}</Tag>}
        </span>
      ),
    },
    { key: 'installed', title: t('columns.installedAt'), render: (p: InstalledPlugin) => new Date(p.upgradedAt ?? p.installedAt).toLocaleString() },
    {
      key: 'actions', title: t('columns.actions'),
      render: (p: InstalledPlugin) => mayChange && (
        <Space>
          {p.availableVersion && (
            <Button type="primary" size="small" onClick={() => upgrade(p)} data-testid={`plugin-upgrade-${p.name}`}>
              {t('upgrade.button', { version: p.availableVersion })}
            </Button>
          )}
          <Button danger size="small" onClick={() => setUninstalling(p.name)} data-testid={`plugin-uninstall-${p.name}`}>{t('uninstall.button')}</Button>
        </Space>
      ),
    },
  ];

  return (
    <div data-testid="plugins-page">
      <Typography.Title level={3}>{t('title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('intro')}</Typography.Paragraph>
      {!mayChange && <Alert type="info" showIcon title={t('readOnly')} style={{ marginBottom: 16 }} />}
      {plugins.error && <Alert type="error" showIcon title={plugins.error.message} />}
      {refusal && <RefusalPanel refusal={refusal} onClose={dismiss} />}
      {workId && <WorkProgress workId={workId} />}
      <Table<InstalledPlugin>
        rowKey="name"
        loading={plugins.isPending}
        dataSource={plugins.data}
        columns={columns}
        pagination={false}
        onRow={(p) => ({ 'data-testid': `plugin-row-${p.name}` }) as HTMLAttributes<HTMLElement>}
      />
      {mayChange && (
        <Card size="small" title={t('install.title')} style={{ marginTop: 16 }}>
          <InstallForm onInstall={install} />
        </Card>
      )}
      <UninstallModal plugin={uninstalling} onCancel={() => setUninstalling(null)} onUninstall={(purge) => uninstall(uninstalling!, purge)} />
      {modal}
    </div>
  );
}
