/**
 * Background work (GET /api/work): the caller's recent work for the header indicator, and one piece of work that a
 * page started itself with `x-work-id`, polled until it ends.
 */
import { useQuery } from '@tanstack/react-query';
import type { Label } from '../../../metadata/src/types.ts';
import { api, ApiError } from '../api/client.ts';

export type WorkStatus = 'queued' | 'running' | 'succeeded' | 'failed';

export interface Work {
  id: string;
  kind: string;
  label: Label;
  userId: string | null;
  status: WorkStatus;
  done: number;
  total: number | null;
  message: Label | null;
  result: unknown;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  updatedAt: string;
}

const RECENT_LIMIT = 10;
const BUSY_POLL_MS = 2_000;
const IDLE_POLL_MS = 30_000;
const PROGRESS_POLL_MS = 1_000;

export const isOpen = (work: Pick<Work, 'status'>) => work.status === 'queued' || work.status === 'running';

/** done of total as a whole percent; a succeeded work is 100 even when it never knew its total. */
export function percentOf(work: Pick<Work, 'status' | 'done' | 'total'>): number | undefined {
  if (work.status === 'succeeded') return 100;
  if (!work.total) return undefined;
  return Math.min(100, Math.floor((work.done / work.total) * 100));
}

/** A fresh work id for `x-work-id`. crypto.randomUUID needs a secure context; getRandomValues works over plain http too. */
export function newWorkId(): string {
  if (typeof crypto.randomUUID === 'function' && globalThis.isSecureContext) return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The header that makes a request's long work pollable under `workId`. */
export const workHeaders = (workId: string) => ({ 'x-work-id': workId });

export const recentWorkKey = ['work', 'recent'] as const;

/** The caller's recent work: every 2 s while some of it runs, else every 30 s. */
export function useRecentWork() {
  return useQuery({
    queryKey: recentWorkKey,
    queryFn: async () => (await api<{ data: Work[] }>(`/api/work?limit=${RECENT_LIMIT}`)).data,
    refetchInterval: (query) => (query.state.data?.some(isOpen) ? BUSY_POLL_MS : IDLE_POLL_MS),
    refetchIntervalInBackground: false,
  });
}

/**
 * One piece of work a page started (`workHeaders(workId)` on its request), polled every second until it succeeds or
 * fails. Until the server has recorded it (the request may not have reached it yet) the data is null.
 */
export function useWorkProgress(workId: string | null | undefined) {
  return useQuery({
    queryKey: ['work', 'one', workId],
    enabled: Boolean(workId),
    queryFn: async () => {
      try {
        return await api<Work>(`/api/work/${encodeURIComponent(workId!)}`);
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }
    },
    refetchInterval: (query) => (query.state.data && !isOpen(query.state.data) ? false : PROGRESS_POLL_MS),
  });
}
