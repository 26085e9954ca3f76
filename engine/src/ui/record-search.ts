/**
 * `GET /api/search`: the records whose title contains the text, per object the user may read, through the normal
 * list query, so row-level access applies as to any list.
 */
import { isReadFormula, valueType } from '../../../metadata/src/types.ts';
import type { UiSearchHit } from '../../../metadata/src/ui-contract.ts';
import { QudaoError } from '../errors/catalog.ts';
import type { RecordService } from '../records/record-service.ts';
import type { ObjectRuntime, Registry } from '../registry.ts';
import type { AccessContext } from '../security/principal.ts';
import { titleFieldOf } from './object-title.ts';

export const SEARCH_MAX_LENGTH = 100;
export const HITS_PER_OBJECT = 5;
export const SEARCH_MAX_HITS = 100;
const SEARCH_DEFAULT_HITS = 20;

export interface SearchQuery {
  text: string;
  limit: number;
}

const badSearch = (field: string, zh: string, en: string) =>
  new QudaoError('BAD_REQUEST', [{ field, rule: 'format', message: { 'zh-CN': zh, en } }]);

/** `q` of 1 to 100 characters (after trimming), `limit` the most hits in all, 1 to 100 (20 unless given). */
export function parseSearchQuery(query: Record<string, unknown>): SearchQuery {
  const { q, limit } = query;
  const text = typeof q === 'string' ? q.trim() : '';
  if (!text || [...text].length > SEARCH_MAX_LENGTH || text.includes('\u0000')) {
    throw badSearch('q', `q 须为 1 到 ${SEARCH_MAX_LENGTH} 个字符`, `q must have 1 to ${SEARCH_MAX_LENGTH} characters`);
  }
  if (limit === undefined) return { text, limit: SEARCH_DEFAULT_HITS };
  const n = typeof limit === 'string' && /^\d{1,3}$/.test(limit) ? Number(limit) : NaN;
  if (!(n >= 1 && n <= SEARCH_MAX_HITS)) {
    throw badSearch('limit', `limit 须为 1 到 ${SEARCH_MAX_HITS} 的整数`, `limit must be an integer from 1 to ${SEARCH_MAX_HITS}`);
  }
  return { text, limit: n };
}

/** The text as a LIKE pattern that matches it anywhere, its own `%`, `_` and `\` taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}

export async function searchRecords(records: RecordService, registry: Registry, ctx: AccessContext, query: SearchQuery): Promise<UiSearchHit[]> {
  const scope = records.scope(ctx);
  const searchable = registry.objectList().flatMap((object) => {
    const title = searchableTitle(object);
    return title !== null && scope.can(object, 'read') && scope.canRead(object, title) ? [{ object, title }] : [];
  });
  const pattern = containsPattern(query.text);
  const pages = await Promise.all(searchable.map(({ object, title }) =>
    records.list(object.name, { filter: { ilike: [{ var: title }, pattern] }, sort: title, limit: HITS_PER_OBJECT, fields: [title] }, ctx)
      .then((page) => page.data.map((row) => ({ object: object.name, id: String(row.id), title: String(row[title] ?? '') }))),
  ));
  return rankHits(pages.flat(), query.text).slice(0, query.limit);
}

/** A title that starts with the text comes before one that only contains it; otherwise the objects' order holds. */
function rankHits(hits: UiSearchHit[], text: string): UiSearchHit[] {
  const lower = text.toLowerCase();
  const starts = (hit: UiSearchHit) => (hit.title.toLowerCase().startsWith(lower) ? 0 : 1);
  return hits.map((hit, i) => ({ hit, i })).sort((a, b) => starts(a.hit) - starts(b.hit) || a.i - b.i).map(({ hit }) => hit);
}

/** The title field, when it is stored text a filter can search. */
function searchableTitle(object: ObjectRuntime): string | null {
  const name = titleFieldOf(object.doc);
  const field = name === null ? undefined : object.fields.get(name);
  return field && valueType(field) === 'text' && !isReadFormula(field) ? field.name : null;
}
