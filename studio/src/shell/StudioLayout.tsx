/** The header (name, navigation, language, the user and sign-out) around every studio page. */
import type { ReactNode } from 'react';
import { Button, Flex, Layout, Menu, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { LanguageSwitch } from '../../../runtime-ui/src/shell/LanguageSwitch.tsx';
import { useSession } from './session.tsx';

export function StudioLayout({ children }: { children: ReactNode }) {
  const { t } = useTranslation('shell');
  const { me, logout } = useSession();
  const { pathname } = useLocation();
  const items = [
    { key: 'objects', label: <Link to="/objects" data-testid="nav-objects">{t('nav.objects')}</Link> },
    { key: 'er', label: <Link to="/er" data-testid="nav-er">{t('nav.er')}</Link> },
    { key: 'plugins', label: <Link to="/plugins" data-testid="nav-plugins">{t('nav.plugins')}</Link> },
    { key: 'permissions', label: <Link to="/permissions" data-testid="nav-permissions">{t('nav.permissions')}</Link> },
    { key: 'layouts', label: <Link to="/layouts" data-testid="nav-layouts">{t('nav.layouts')}</Link> },
    { key: 'workflows', label: <Link to="/workflows" data-testid="nav-workflows">{t('nav.workflows')}</Link> },
    { key: 'rules', label: <Link to="/rules" data-testid="nav-rules">{t('nav.rules')}</Link> },
  ];
  return (
    <Layout style={{ minHeight: '100vh' }} data-testid="studio-layout">
      <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 24, background: '#fff', borderBottom: '1px solid #e5e8ef', paddingInline: 24 }}>
        <Typography.Text strong style={{ fontSize: 18, color: '#1f5fbf', whiteSpace: 'nowrap' }}>{t('appName')}</Typography.Text>
        <Menu mode="horizontal" items={items} selectedKeys={[pathname.split('/')[1] ?? '']} style={{ flex: 1, borderBottom: 'none' }} />
        <Flex align="center" gap={8}>
          <LanguageSwitch />
          <Typography.Text type="secondary" data-testid="current-user">{me.user.displayName ?? me.user.username}</Typography.Text>
          <Button type="link" onClick={() => void logout()} data-testid="logout">{t('logout')}</Button>
        </Flex>
      </Layout.Header>
      <Layout.Content style={{ padding: 24 }}>{children}</Layout.Content>
    </Layout>
  );
}
