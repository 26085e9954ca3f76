/** The navigation built from the user's app: home, approvals (internal users), the plugins' query pages and the objects they may read. */
import { AppstoreOutlined, AuditOutlined, BellOutlined, FileSearchOutlined, HomeOutlined } from '@ant-design/icons';
import { Menu, type MenuProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import type { UiApp } from '../../../metadata/src/ui-contract.ts';
import { pick } from '../i18n/index.ts';

type Item = Required<MenuProps>['items'][number];

/** The menu key a path belongs to: a record belongs to its object's list. */
export function menuKeyOf(pathname: string): string {
  const object = /^\/o\/([^/]+)/.exec(pathname);
  return object ? `/o/${object[1]}` : pathname;
}

export function NavMenu({ app, isPortal, theme, onNavigate }: { app: UiApp; isPortal: boolean; theme: 'dark' | 'light'; onNavigate?: () => void }) {
  const { t } = useTranslation('shell');
  const { pathname } = useLocation();
  const link = (to: string, text: string, testId: string) => <Link to={to} data-testid={testId} onClick={onNavigate}>{text}</Link>;
  const items: Item[] = [
    { key: '/', icon: <HomeOutlined />, label: link('/', t('home'), 'nav-home') },
    ...(isPortal ? [] : [{ key: '/inbox', icon: <AuditOutlined />, label: link('/inbox', t('inbox'), 'nav-inbox') }]),
    { key: '/notifications', icon: <BellOutlined />, label: link('/notifications', t('notifications'), 'nav-notifications') },
    ...(app.pages.length ? [{
      type: 'group' as const,
      key: 'pages',
      label: t('pages'),
      children: app.pages.map((page) => ({
        key: `/p/${page.plugin}/${page.path}`,
        icon: <FileSearchOutlined />,
        label: link(`/p/${page.plugin}/${page.path}`, pick(page.label), `nav-page-${page.path}`),
      })),
    }] : []),
    {
      type: 'group',
      key: 'objects',
      label: t('objects'),
      children: app.navigation.map((item) => ({
        key: `/o/${item.object}`,
        icon: <AppstoreOutlined />,
        label: link(`/o/${item.object}`, pick(item.label), `nav-${item.object}`),
      })),
    },
  ];
  return <Menu mode="inline" theme={theme} items={items} selectedKeys={[menuKeyOf(pathname)]} style={{ borderInlineEnd: 0 }} data-testid="nav-menu" />;
}
