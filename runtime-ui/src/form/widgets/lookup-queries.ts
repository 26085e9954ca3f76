/** The reads a lookup needs: records of the target whose title matches what the user types, and one record's title. */
import { useQuery } from '@tanstack/react-query';
import type { JsonLogic } from '../../../../metadata/src/types.ts';
import { getRecord, listRecords } from '../../api/records.ts';

const SEARCH_LIMIT = 20;

/** `%` and `_` typed by the user are literal characters, not LIKE wildcards. */
export const likeLiteral = (text: string) => text.replace(/[\\%_]/g, (ch) => `\\${ch}`);

/** Records of `target` whose title holds `text`, among those `narrow` (a list filter) keeps, if given. */
export function useLookupSearch(target: string, titleField: string | null, text: string, enabled: boolean, narrow?: JsonLogic) {
  const query = text.trim();
  const byTitle: JsonLogic | undefined = query && titleField ? { ilike: [{ var: titleField }, `%${likeLiteral(query)}%`] } : undefined;
  return useQuery({
    queryKey: ['lookup-search', target, titleField, query, narrow],
    enabled,
    staleTime: 30_000,
    queryFn: ({ signal }) => listRecords(target, {
      filter: byTitle && narrow ? { and: [narrow, byTitle] } : byTitle ?? narrow,
      sort: titleField ?? undefined,
      limit: SEARCH_LIMIT,
      fields: titleField ? [titleField] : undefined,
    }, signal),
  });
}

export function useLookupTitle(target: string, titleField: string | null, id: string | undefined) {
  return useQuery({
    queryKey: ['lookup-title', target, id],
    enabled: typeof id === 'string' && id !== '',
    staleTime: 60_000,
    queryFn: async () => {
      const record = await getRecord(target, id!);
      const title = titleField ? record[titleField] : undefined;
      return title === undefined || title === null || title === '' ? id! : String(title);
    },
  });
}
