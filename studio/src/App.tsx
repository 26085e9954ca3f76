/** The studio's frame: language-aware antd theme, the query cache, the router under `/studio` and the session gate. */
import { lazy, Suspense, type ComponentType } from 'react';
import { App as AntApp, ConfigProvider, Spin } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { ApiError } from '../../runtime-ui/src/api/client.ts';
import { StudioGate } from './shell/session.tsx';
import { StudioLayout } from './shell/StudioLayout.tsx';
import { ObjectsPage } from './objects/ObjectsPage.tsx';

/** A page loaded when first opened: the designers (React Flow, dnd-kit, the form renderer) stay out of the first load. */
function lazyPage<Name extends string>(load: () => Promise<Record<Name, ComponentType>>, name: Name) {
  return lazy(() => load().then((module) => ({ default: module[name] })));
}

const ObjectPage = lazyPage(() => import('./objects/ObjectPage.tsx'), 'ObjectPage');
const ErPage = lazyPage(() => import('./er/ErPage.tsx'), 'ErPage');
const PluginsPage = lazyPage(() => import('./plugins/PluginsPage.tsx'), 'PluginsPage');
const PermissionsPage = lazyPage(() => import('./permissions/PermissionsPage.tsx'), 'PermissionsPage');
const LayoutsRoutes = lazyPage(() => import('./layouts/LayoutsRoutes.tsx'), 'LayoutsRoutes');
const WorkflowsRoutes = lazyPage(() => import('./workflows/WorkflowsRoutes.tsx'), 'WorkflowsRoutes');
const RulesRoutes = lazyPage(() => import('./rules/RulesRoutes.tsx'), 'RulesRoutes');

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
                <Suspense fallback={<Spin style={{ display: 'block', margin: 48 }} />}>
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
                </Suspense>
              </StudioLayout>
            </StudioGate>
          </BrowserRouter>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
