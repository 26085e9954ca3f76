/** The header's right side: approvals and notification badges, background work, the language, the user's menu. */
import { AuditOutlined, BellOutlined, DashboardOutlined, LogoutOutlined, SettingOutlined, UserOutlined } from '@ant-design/icons';
import { Avatar, Badge, Button, Dropdown, Flex, Typography, type MenuProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { WorkIndicator } from '../work/WorkIndicator.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { useSession } from './session.tsx';

export function HeaderActions({ compact }: { compact: boolean }) {
  const { t } = useTranslation('shell');
  const navigate = useNavigate();
  const { app, isPortal } = useSession();
  return (
    <Flex align="center" gap={compact ? 0 : 4} style={{ flex: 'none' }}>
      {!isPortal && (
        <Badge count={app.counts.inbox} size="small" offset={[-4, 4]} data-testid="inbox-badge">
          <Button type="text" icon={<AuditOutlined />} aria-label={t('inbox')} title={t('inbox')} onClick={() => navigate('/inbox')} data-testid="header-inbox" />
        </Badge>
      )}
      <Badge count={app.counts.notifications} size="small" offset={[-4, 4]} data-testid="notifications-badge">
        <Button type="text" icon={<BellOutlined />} aria-label={t('notifications')} title={t('notifications')} onClick={() => navigate('/notifications')} data-testid="header-notifications" />
      </Badge>
      {!isPortal && !compact && <WorkIndicator />}
      <LanguageSwitch compact={compact} />
      <UserMenu compact={compact} />
    </Flex>
  );
}

function UserMenu({ compact }: { compact: boolean }) {
  const { t } = useTranslation('shell');
  const { app, isPortal, logout } = useSession();
  const name = app.user.displayName || app.user.username;
  const admin: MenuProps['items'] = isPortal ? [] : [
    ...(app.rights.includes('deploy') ? [{ key: 'studio', icon: <SettingOutlined />, label: <a href="/studio/" data-testid="link-studio">{t('studio')}</a> }] : []),
    ...(app.rights.includes('operations') ? [{ key: 'jobs', icon: <DashboardOutlined />, label: <a href="/admin/jobs" data-testid="link-admin-jobs">{t('adminJobs')}</a> }] : []),
  ];
  const items: MenuProps['items'] = [
    { key: 'who', disabled: true, label: <Typography.Text type="secondary">{isPortal ? `${name} · ${t('portalUser')}` : name}</Typography.Text> },
    { type: 'divider' },
    ...admin,
    ...(admin.length ? [{ type: 'divider' as const }] : []),
    { key: 'logout', icon: <LogoutOutlined />, label: <span data-testid="logout">{t('logout')}</span>, onClick: () => void logout() },
  ];
  return (
    <Dropdown trigger={['click']} menu={{ items }} placement="bottomRight">
      <Button type="text" style={{ paddingInline: 6 }} data-testid="user-menu">
        <Avatar size="small" icon={<UserOutlined />} style={{ background: '#1f5fbf' }} />
        {!compact && <span style={{ maxWidth: 120, overflow: 'hidden', textOverflow: 'ellipsis' }}>{name}</span>}
      </Button>
    </Dropdown>
  );
}
