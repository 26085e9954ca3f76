import type { ReactNode } from 'react';
/** Placeholder until its owner builds it. */
export function AppLayout({ children }: { children: ReactNode }) {
  return <div>{children}</div>;
}
