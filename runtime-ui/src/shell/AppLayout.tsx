/**
 * The signed-in frame: a dark side menu built from the user's navigation (a drawer below 768 px), and a header with
 * the global search, the approvals and notification badges, the language and the user's menu.
 */
import { useEffect, useState, type ReactNode } from 'react';
import { MenuOutlined, SearchOutlined } from '@ant-design/icons';
import { Button, Drawer, Flex, Input, Layout } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import { useIsPhone } from '../lib/use-is-phone.ts';
import { HeaderActions } from './HeaderActions.tsx';
import { NavMenu } from './NavMenu.tsx';
import { setRecentOwner } from './recent.ts';
import { useSession } from './session.tsx';

const SIDER_WIDTH = 220;
const HEADER_HEIGHT = 56;

export function AppLayout({ children }: { children: ReactNode }) {
  const { app, isPortal } = useSession();
  const isPhone = useIsPhone();
  const [collapsed, setCollapsed] = useState(false);
  const [drawerOpen, setDrawerOpen] = useState(false);
  const { pathname } = useLocation();
  setRecentOwner(app.user.id);
  useEffect(() => setDrawerOpen(false), [pathname]);

  return (
    <Layout style={{ minHeight: '100vh' }} data-testid="app-layout" data-portal={isPortal || undefined}>
      {isPhone ? (
        <Drawer placement="left" open={drawerOpen} onClose={() => setDrawerOpen(false)} size={260} closable={false}
          styles={{ body: { padding: 0, background: '#001529' } }} data-testid="nav-drawer">
          <Brand collapsed={false} />
          <NavMenu app={app} isPortal={isPortal} theme="dark" onNavigate={() => setDrawerOpen(false)} />
        </Drawer>
      ) : (
        <Layout.Sider width={SIDER_WIDTH} collapsible collapsed={collapsed} onCollapse={setCollapsed}
          style={{ position: 'sticky', top: 0, height: '100vh', overflow: 'auto' }} data-testid="nav-sider">
          <Brand collapsed={collapsed} />
          <NavMenu app={app} isPortal={isPortal} theme="dark" />
        </Layout.Sider>
      )}
      <Layout style={{ minWidth: 0 }}>
        <Layout.Header style={{
          background: '#fff', height: HEADER_HEIGHT, lineHeight: `${HEADER_HEIGHT}px`, padding: isPhone ? '0 8px' : '0 24px',
          display: 'flex', alignItems: 'center', gap: 8, borderBottom: '1px solid #e8ecf2', position: 'sticky', top: 0, zIndex: 10,
        }}>
          {isPhone && <Button type="text" icon={<MenuOutlined />} onClick={() => setDrawerOpen(true)} data-testid="nav-toggle" />}
          <GlobalSearch compact={isPhone} />
          <Flex flex="1 1 0" />
          <HeaderActions compact={isPhone} />
        </Layout.Header>
        <Layout.Content style={{ padding: isPhone ? 12 : 24, minWidth: 0, overflowX: 'hidden' }}>{children}</Layout.Content>
      </Layout>
    </Layout>
  );
}

function Brand({ collapsed }: { collapsed: boolean }) {
  const { t } = useTranslation('shell');
  return (
    <Link to="/" style={{ display: 'flex', alignItems: 'center', gap: 10, height: HEADER_HEIGHT, padding: collapsed ? '0 24px' : '0 20px', color: '#fff' }} data-testid="brand">
      <span style={{ display: 'inline-grid', placeItems: 'center', width: 28, height: 28, borderRadius: 6, background: '#1f5fbf', fontWeight: 700, flex: 'none' }}>渠</span>
      {!collapsed && <span style={{ fontSize: 17, fontWeight: 600, whiteSpace: 'nowrap' }}>{t('appName')}</span>}
    </Link>
  );
}

/** The header's search: Enter goes to /search?q=…; on a phone an icon opens the search page. */
function GlobalSearch({ compact }: { compact: boolean }) {
  const { t } = useTranslation('shell');
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const { pathname } = useLocation();
  const current = pathname === '/search' ? (params.get('q') ?? '') : '';
  const [text, setText] = useState(current);
  useEffect(() => setText(current), [current]);
  if (compact) {
    return <Button type="text" icon={<SearchOutlined />} aria-label={t('search')} onClick={() => navigate('/search')} data-testid="header-search-button" />;
  }
  return (
    <Input
      allowClear
      prefix={<SearchOutlined style={{ color: '#8c8c8c' }} />}
      placeholder={t('searchPlaceholder')}
      value={text}
      onChange={(e) => setText(e.target.value)}
      onPressEnter={() => text.trim() && navigate(`/search?${new URLSearchParams({ q: text.trim() })}`)}
      style={{ maxWidth: 360, width: '100%' }}
      data-testid="global-search"
    />
  );
}
