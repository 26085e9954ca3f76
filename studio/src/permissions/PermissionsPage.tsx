/**
 * `/studio/permissions/*`: roles, permission sets, sharing rules and "explain access", one tab each; a set or a rule
 * opens as its own page below its tab.
 */
import { Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { ExplainAccessTab } from './ExplainAccessTab.tsx';
import { PermissionSetPage } from './PermissionSetPage.tsx';
import { PermissionSetsTab } from './PermissionSetsTab.tsx';
import { RolesTab } from './RolesTab.tsx';
import { SharingRulePage } from './SharingRulePage.tsx';
import { SharingRulesTab } from './SharingRulesTab.tsx';

const TABS = ['roles', 'sets', 'sharing', 'explain'] as const;

export function PermissionsPage() {
  const { t } = useTranslation('permissions');
  const navigate = useNavigate();
  const tab = useLocation().pathname.split('/')[2] ?? 'roles';
  return (
    <div data-testid="permissions-page">
      <Typography.Title level={3} style={{ marginTop: 0 }}>{t('title')}</Typography.Title>
      <Tabs
        activeKey={tab}
        onChange={(key) => navigate(`/permissions/${key}`)}
        items={TABS.map((key) => ({ key, label: <span data-testid={`permissions-tab-${key}`}>{t(`tabs.${key}`)}</span> }))}
      />
      <Routes>
        <Route index element={<Navigate to="roles" replace />} />
        <Route path="roles" element={<RolesTab />} />
        <Route path="sets" element={<PermissionSetsTab />} />
        <Route path="sets/new-set" element={<PermissionSetPage />} />
        <Route path="sets/:name" element={<PermissionSetPage />} />
        <Route path="sharing" element={<SharingRulesTab />} />
        <Route path="sharing/new-rule" element={<SharingRulePage />} />
        <Route path="sharing/:name" element={<SharingRulePage />} />
        <Route path="explain" element={<ExplainAccessTab />} />
        <Route path="*" element={<Navigate to="roles" replace />} />
      </Routes>
    </div>
  );
}
