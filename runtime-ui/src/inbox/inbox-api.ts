/** The approvals inbox and the notifications as the engine answers them (engine/src/workflow/inbox.ts, notifications). */
import type { InboxItem, Notification } from '../../../metadata/src/ui-contract.ts';
import { api, withQuery } from '../api/client.ts';

export type { InboxItem, Notification };

export interface InboxPage {
  data: InboxItem[];
  total: number;
  nextCursor: string | null;
}

export interface InboxFilter {
  object?: string;
  workflow?: string;
}

export const fetchInbox = (filter: InboxFilter, limit: number, cursor: string | null, signal?: AbortSignal) =>
  api<InboxPage>(withQuery('/api/approvals/inbox', { ...filter, limit, cursor }), { signal });

export const decide = (task: string, decision: 'approve' | 'reject', comment?: string) =>
  api<unknown>(`/api/approvals/${encodeURIComponent(task)}/${decision}`, { method: 'POST', body: comment ? { comment } : {} });

export interface BulkResult {
  task: string;
  ok: boolean;
  problem?: { detail?: string; title?: string };
}

export const decideBulk = (tasks: string[], decision: 'approve' | 'reject', comment?: string) =>
  api<{ results: BulkResult[] }>('/api/approvals/bulk', { method: 'POST', body: { tasks, decision, ...(comment ? { comment } : {}) } });


export const fetchNotifications = (unreadOnly: boolean, cursor: string | null, signal?: AbortSignal) =>
  api<{ data: Notification[]; nextCursor: string | null }>(withQuery('/api/notifications', { unread: unreadOnly ? 'true' : undefined, limit: 30, cursor }), { signal });

export const markRead = (id: string) => api<Notification>(`/api/notifications/${encodeURIComponent(id)}/read`, { method: 'POST' });
