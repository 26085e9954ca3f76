/** The record page's queries, keyed so one action can refetch the record, its approvals and its history together. */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { getRecord } from '../api/records.ts';
import { useSession } from '../shell/session.tsx';
import { getApprovals, getHistory, getSubmitPreview } from './record-api.ts';

export const recordKey = (object: string, id: string) => ['record', object, id] as const;
const historyKey = (object: string, id: string) => ['record-history', object, id] as const;
const approvalsKey = (object: string, id: string) => ['record-approvals', object, id] as const;
const previewKey = (object: string, id: string, workflow?: string) => ['record-preview', object, id, workflow ?? ''] as const;

export const useRecord = (object: string, id: string) => useQuery({ queryKey: recordKey(object, id), queryFn: () => getRecord(object, id), staleTime: 0 });

export const useHistory = (object: string, id: string) => useQuery({ queryKey: historyKey(object, id), queryFn: () => getHistory(object, id) });

export const useApprovals = (object: string, id: string) => useQuery({ queryKey: approvalsKey(object, id), queryFn: () => getApprovals(object, id) });

export const useSubmitPreview = (object: string, id: string, workflow: string | undefined, enabled: boolean) =>
  useQuery({ queryKey: previewKey(object, id, workflow), queryFn: () => getSubmitPreview(object, id, workflow), enabled, retry: false });

/** After any action on the record: its data, approvals, route and history again, and the shell's inbox count. */
export function useRefreshRecord(object: string, id: string) {
  const client = useQueryClient();
  const { refresh } = useSession();
  return useCallback(async () => {
    await Promise.all([
      client.invalidateQueries({ queryKey: recordKey(object, id) }),
      client.invalidateQueries({ queryKey: historyKey(object, id) }),
      client.invalidateQueries({ queryKey: approvalsKey(object, id) }),
      client.invalidateQueries({ queryKey: ['record-preview', object, id] }),
      client.invalidateQueries({ queryKey: ['record-attachments', object, id] }),
      refresh(),
    ]);
  }, [client, refresh, object, id]);
}
