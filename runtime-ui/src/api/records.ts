/** The records API as the web app uses it. */
import { api, withQuery } from './client.ts';

export type RecordData = Record<string, unknown> & { id: string; version: number };

export interface ListPage {
  data: RecordData[];
  nextCursor: string | null;
  total?: number;
  totalIsEstimate?: boolean;
}

export interface ListParams {
  filter?: unknown;
  view?: string;
  sort?: string;
  limit?: number;
  cursor?: string | null;
  fields?: string[];
  expand?: string[];
  count?: boolean;
}

export function listParams(params: ListParams): Record<string, string | number | boolean | undefined> {
  return {
    filter: params.filter === undefined ? undefined : JSON.stringify(params.filter),
    view: params.view,
    sort: params.sort,
    limit: params.limit,
    cursor: params.cursor ?? undefined,
    fields: params.fields?.join(','),
    expand: params.expand?.join(','),
    count: params.count,
  };
}

export const listRecords = (object: string, params: ListParams, signal?: AbortSignal) =>
  api<ListPage>(withQuery(`/api/records/${object}`, listParams(params)), { signal });

export const getRecord = (object: string, id: string, expand?: string[]) =>
  api<RecordData>(withQuery(`/api/records/${object}/${id}`, { expand: expand?.join(',') }));

export const createRecord = (object: string, values: Record<string, unknown>) =>
  api<RecordData>(`/api/records/${object}`, { method: 'POST', body: values });

export const updateRecord = (object: string, id: string, changes: Record<string, unknown>, version: number) =>
  api<RecordData>(`/api/records/${object}/${id}`, { method: 'PATCH', body: changes, headers: { 'if-match': `"${version}"` } });

export const deleteRecord = (object: string, id: string) =>
  api<RecordData>(`/api/records/${object}/${id}`, { method: 'DELETE' });
