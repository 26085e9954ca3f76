/** The studio's frame: language-aware antd theme, the query cache, the router under `/studio` and the session gate. */
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { ApiError } from '../../runtime-ui/src/api/client.ts';
import { StudioGate } from './shell/session.tsx';
import { StudioLayout } from './shell/StudioLayout.tsx';
import { ObjectsPage } from './objects/ObjectsPage.tsx';
import { ObjectPage } from './objects/ObjectPage.tsx';
import { ErPage } from './er/ErPage.tsx';
import { PluginsPage } from './plugins/PluginsPage.tsx';
import { PermissionsPage } from './permissions/PermissionsPage.tsx';
import { LayoutsRoutes } from './layouts/LayoutsRoutes.tsx';
import { WorkflowsRoutes } from './workflows/WorkflowsRoutes.tsx';
import { RulesRoutes } from './rules/RulesRoutes.tsx';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      refetchOnWindowFocus: false,
      retry: (failures, error) => !(error instanceof ApiError && error.status < 500) && failures < 2,
    },
  },
});

const THEME = { token: { colorPrimary: '#1f5fbf', borderRadius: 4 } };

export function App() {
  const { i18n } = useTranslation();
  return (
    <ConfigProvider locale={i18n.language === 'en' ? enUS : zhCN} theme={THEME}>
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <BrowserRouter basename="/studio">
            <StudioGate>
              <StudioLayout>
                <Routes>
                  <Route path="/" element={<Navigate to="/objects" replace />} />
                  <Route path="/objects" element={<ObjectsPage />} />
                  <Route path="/objects/:name" element={<ObjectPage />} />
                  <Route path="/er" element={<ErPage />} />
                  <Route path="/plugins" element={<PluginsPage />} />
                  <Route path="/permissions/*" element={<PermissionsPage />} />
                  <Route path="/layouts/*" element={<LayoutsRoutes />} />
                  <Route path="/workflows/*" element={<WorkflowsRoutes />} />
                  <Route path="/rules/*" element={<RulesRoutes />} />
                  <Route path="*" element={<Navigate to="/objects" replace />} />
                </Routes>
              </StudioLayout>
            </StudioGate>
          </BrowserRouter>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
