/** The metadata as the signed-in user may see it: one cached query per object, refreshed when a deploy changes it. */
import { useQuery } from '@tanstack/react-query';
import type { UiObject } from '../../../metadata/src/ui-contract.ts';
import { api } from './client.ts';

export const uiObjectKey = (object: string) => ['ui-object', object] as const;

export const fetchUiObject = (object: string) => api<UiObject>(`/api/ui/objects/${encodeURIComponent(object)}`);

/**
 * Always refetched when a page mounts, so a field or rule an admin just deployed shows on the next navigation
 * without rebuilding or reloading the app.
 */
export function useUiObject(object: string) {
  return useQuery({ queryKey: uiObjectKey(object), queryFn: () => fetchUiObject(object), staleTime: 0 });
}

/** The title a record shows: its title field, else its id. */
export function recordTitle(ui: Pick<UiObject, 'titleField'>, record: Record<string, unknown>): string {
  const value = ui.titleField ? record[ui.titleField] : undefined;
  return value === undefined || value === null || value === '' ? String(record.id ?? '') : String(value);
}
