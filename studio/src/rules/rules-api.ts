/**
 * The engine's API as the rules pages use it: a rule tried before it is deployed (POST /api/rules/try and /preview),
 * and the object's records to try it on (found by title, read with the lookups the rule reads expanded).
 */
import { api, withQuery } from '../../../runtime-ui/src/api/client.ts';
import type { Label, ValidationRuleDoc } from '../../../metadata/src/types.ts';

export interface RuleVerdict {
  blocks: boolean;
  /** The error a save would get, its message in both languages. */
  error: { field: string; rule: string; message: Label } | null;
}

export interface RulePreview {
  checked: number;
  blocked: number;
  sample: string[];
  truncated: boolean;
}

export type RecordData = Record<string, unknown> & { id: string };

export const tryRule = (rule: ValidationRuleDoc, on: { recordId: string } | { values: Record<string, unknown> }) =>
  api<RuleVerdict>('/api/rules/try', { method: 'POST', body: { rule, ...on } });

export const previewRule = (rule: ValidationRuleDoc) => api<RulePreview>('/api/rules/preview', { method: 'POST', body: { rule } });

/** Up to 10 records whose title field contains `text` (the first 10 when it is empty). */
export function searchRecords(object: string, titleField: string, text: string) {
  const filter = text.trim() ? JSON.stringify({ ilike: [{ var: titleField }, `%${text.trim()}%`] }) : undefined;
  return api<{ data: RecordData[] }>(withQuery(`/api/records/${object}`, { filter, limit: 10, fields: `id,${titleField}`, sort: titleField })).then((answer) => answer.data);
}

export const getRecord = (object: string, id: string, expand: string[]) =>
  api<RecordData>(withQuery(`/api/records/${object}/${id}`, { expand: expand.join(',') }));
