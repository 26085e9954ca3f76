/** The record page's reads and writes beyond CRUD: history, approvals, submit, recall, decisions, plugin actions. */
import { api, withQuery } from '../api/client.ts';
import type { Decision, HistoryEntry, RoutePreview, Submission } from './approval-types.ts';

const base = (object: string, id: string) => `/api/records/${encodeURIComponent(object)}/${encodeURIComponent(id)}`;

export const getHistory = (object: string, id: string) => api<{ data: HistoryEntry[] }>(`${base(object, id)}/history`).then((r) => r.data);

export const getApprovals = (object: string, id: string) => api<{ data: Submission[] }>(`${base(object, id)}/approvals`).then((r) => r.data);

export const getSubmitPreview = (object: string, id: string, workflow?: string) =>
  api<RoutePreview>(withQuery(`${base(object, id)}/submit/preview`, { workflow }));

export const submitRecord = (object: string, id: string, body: { workflow?: string; comment?: string }) =>
  api<{ id: string; status: string }>(`${base(object, id)}/submit`, { method: 'POST', body });

export const recallRecord = (object: string, id: string, comment?: string) =>
  api<{ id: string; status: string }>(`${base(object, id)}/recall`, { method: 'POST', body: { comment } });

export const decideTask = (task: string, decision: Decision, comment?: string) =>
  api<unknown>(`/api/approvals/${encodeURIComponent(task)}/${decision}`, { method: 'POST', body: { comment } });

export const runAction = (object: string, id: string, action: string, input: Record<string, unknown> = {}) =>
  api<unknown>(`${base(object, id)}/actions/${encodeURIComponent(action)}`, { method: 'POST', body: input });
