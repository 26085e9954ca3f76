/**
 * The app's frame: language-aware antd theme, the query cache, the router and the session. Every page below the
 * shell is its own chunk, so the first view loads only what it shows.
 */
import { lazy, Suspense } from 'react';
import { App as AntApp, ConfigProvider, Spin } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Route, Routes } from 'react-router';
import { ApiError } from './api/client.ts';
import { SessionGate } from './shell/session.tsx';
import { AppLayout } from './shell/AppLayout.tsx';
import { NotFound } from './shell/NotFound.tsx';

const HomePage = lazy(() => import('./shell/HomePage.tsx'));
const SearchPage = lazy(() => import('./shell/SearchPage.tsx'));
const ListPage = lazy(() => import('./list/ListPage.tsx'));
const RecordPage = lazy(() => import('./record/RecordPage.tsx'));
const InboxPage = lazy(() => import('./inbox/InboxPage.tsx'));
const NotificationsPage = lazy(() => import('./inbox/NotificationsPage.tsx'));
const PluginPage = lazy(() => import('./pages/PluginPage.tsx'));

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 15_000,
      refetchOnWindowFocus: false,
      retry: (failures, error) => !(error instanceof ApiError && error.status < 500) && failures < 2,
    },
  },
});

export const THEME = { token: { colorPrimary: '#1f5fbf', borderRadius: 4 } };

export function App() {
  const { i18n } = useTranslation();
  return (
    <ConfigProvider locale={i18n.language === 'en' ? enUS : zhCN} theme={THEME}>
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <BrowserRouter>
            <SessionGate>
              <AppLayout>
                <Suspense fallback={<Spin style={{ display: 'block', margin: 48 }} />}>
                  <Routes>
                    <Route path="/" element={<HomePage />} />
                    <Route path="/search" element={<SearchPage />} />
                    <Route path="/o/:object" element={<ListPage />} />
                    <Route path="/o/:object/new" element={<RecordPage />} />
                    <Route path="/o/:object/:id" element={<RecordPage />} />
                    <Route path="/inbox" element={<InboxPage />} />
                    <Route path="/notifications" element={<NotificationsPage />} />
                    <Route path="/p/:plugin/:path" element={<PluginPage />} />
                    <Route path="*" element={<NotFound />} />
                  </Routes>
                </Suspense>
              </AppLayout>
            </SessionGate>
          </BrowserRouter>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
