/**
 * Who is signed in. The gate asks `/api/auth/me`; without a session it shows the login page, with one it loads the
 * user's app (`/api/ui/app`: navigation, rights, counts) and hands it to every page through `useSession`.
 */
import { createContext, useContext, type ReactNode } from 'react';
import { Spin } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { UiApp } from '../../../metadata/src/ui-contract.ts';
import { api, ApiError, setCsrfToken } from '../api/client.ts';
import { LoginPage } from './LoginPage.tsx';

interface Me {
  user: { id: string; username: string };
  csrfToken: string | null;
}

interface Session {
  app: UiApp;
  isPortal: boolean;
  refresh: () => Promise<void>;
  logout: () => Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionGate');
  return session;
}

async function loadSession(): Promise<UiApp | null> {
  try {
    const me = await api<Me>('/api/auth/me');
    setCsrfToken(me.csrfToken);
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
  return api<UiApp>('/api/ui/app');
}

export function SessionGate({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const session = useQuery({ queryKey: ['session'], queryFn: loadSession, staleTime: 60_000 });
  if (session.isPending) return <Spin fullscreen />;
  const app = session.data;
  if (!app) return <LoginPage onLoggedIn={() => session.refetch().then(() => undefined)} />;
  const value: Session = {
    app,
    isPortal: app.user.kind === 'portal',
    refresh: () => session.refetch().then(() => undefined),
    logout: async () => {
      await api('/api/auth/logout', { method: 'POST' }).catch(() => undefined);
      setCsrfToken(null);
      queryClient.clear();
      await session.refetch();
    },
  };
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}
