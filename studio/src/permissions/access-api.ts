/** The users and "explain access" reads of the permissions screens (both need the `users` right). */
import { useQuery } from '@tanstack/react-query';
import { api, withQuery } from '../../../runtime-ui/src/api/client.ts';
import type { DocKind } from '../../../metadata/src/types.ts';
import { documentHistory, getDocument } from '../api/meta.ts';
import type { AccessExplanation } from './explain-model.ts';

export interface UserSummary {
  id: string;
  username: string;
  displayName: string | null;
  kind: 'internal' | 'portal';
  role: string | null;
}

/** The first page of active users is what the picker offers (the users API pages at most 200). */
const USER_PAGE = 200;

export const useActiveUsers = () => useQuery({
  queryKey: ['users', 'active'],
  staleTime: 60_000,
  queryFn: () => api<{ data: UserSummary[] }>(withQuery('/api/users', { active: 'true', limit: USER_PAGE })).then((answer) => answer.data),
});

export interface ExplainQuery {
  user: string;
  object: string;
  id?: string;
}

export const useExplanation = (query: ExplainQuery | null) => useQuery({
  queryKey: ['access-explain', query],
  enabled: query !== null,
  queryFn: () => api<AccessExplanation>(withQuery('/api/access/explain', { ...query })),
});

/** A document being edited: as deployed and its history (for its custom layer); nothing to load for a new one. */
export function useEditedDocument<K extends DocKind>(kind: K, name: string | undefined) {
  const doc = useQuery({ queryKey: ['meta', kind, 'doc', name], enabled: name !== undefined, queryFn: () => getDocument(kind, name!) });
  const history = useQuery({ queryKey: ['meta', kind, 'history', name], enabled: name !== undefined, queryFn: () => documentHistory(kind, name!) });
  return {
    effective: doc.data,
    history: history.data,
    error: doc.error ?? history.error,
    loading: name !== undefined && (doc.isPending || history.isPending),
  };
}
