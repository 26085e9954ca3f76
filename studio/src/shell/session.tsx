/**
 * Who is signed in. The gate asks `/api/auth/me` (the user, the CSRF token and the admin rights); without a session
 * it shows the login page, without the `deploy` right the 403 page, else the studio.
 */
import { createContext, useContext, type ReactNode } from 'react';
import { Spin } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, setCsrfToken } from '../../../runtime-ui/src/api/client.ts';
import { LoginPage } from '../../../runtime-ui/src/shell/LoginPage.tsx';
import { Forbidden } from './Forbidden.tsx';

interface Me {
  user: { id: string; username: string; displayName?: string };
  csrfToken: string | null;
  rights: string[];
}

interface Session {
  me: Me;
  logout: () => Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside StudioGate');
  return session;
}

async function loadMe(): Promise<Me | null> {
  try {
    const me = await api<Me>('/api/auth/me');
    setCsrfToken(me.csrfToken);
    return me;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

export function StudioGate({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const session = useQuery({ queryKey: ['session'], queryFn: loadMe, staleTime: 60_000 });
  if (session.isPending) return <Spin fullscreen />;
  const me = session.data;
  const value: Session | null = me ? {
    me,
    logout: async () => {
      await api('/api/auth/logout', { method: 'POST' }).catch(() => undefined);
      setCsrfToken(null);
      queryClient.clear();
      await session.refetch();
    },
  } : null;
  if (!value) return <LoginPage onLoggedIn={() => session.refetch().then(() => undefined)} />;
  if (!value.me.rights.includes('deploy')) return <Forbidden onLogout={value.logout} />;
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}
