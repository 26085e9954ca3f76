/**
 * The body of `POST /api/letters` and `/api/letters/batch`, checked before anything is read or written: every
 * problem is collected as a field error (zh-CN and en), and the request is refused as a whole.
 */
import type { FieldError } from '../errors/catalog.ts';
import { QudaoError } from '../errors/catalog.ts';

/** A validity bound: a date, or the record's date field that holds it. */
export type DateSource = { date: string } | { field: string } | null;

export interface LetterSpec {
  object: string;
  template: string;
  validFrom: DateSource;
  validTo: DateSource;
}

export interface IssueRequest extends LetterSpec {
  recordId: string;
}

export interface BatchRequest extends LetterSpec {
  recordIds: string[];
}

export const MAX_BATCH = 1000;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NAME = /^[a-z][a-z0-9_]{0,47}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

const error = (field: string, rule: string, zh: string, en: string): FieldError => ({ field, rule, message: { 'zh-CN': zh, en } });

export function parseIssueRequestOrThrow(body: unknown): IssueRequest {
  const input = objectOf(body);
  const errors: FieldError[] = [];
  const spec = parseSpec(input, errors);
  const recordId = input.recordId;
  if (typeof recordId !== 'string' || !UUID.test(recordId)) errors.push(error('recordId', 'format', 'recordId 必须是记录的 UUID', 'recordId must be the UUID of a record'));
  throwIfAny(errors);
  return { ...spec, recordId: (recordId as string).toLowerCase() };
}

export function parseBatchRequestOrThrow(body: unknown): BatchRequest {
  const input = objectOf(body);
  const errors: FieldError[] = [];
  const spec = parseSpec(input, errors);
  const ids = input.recordIds;
  if (!Array.isArray(ids) || ids.length === 0 || ids.length > MAX_BATCH) {
    errors.push(error('recordIds', 'size', `recordIds 必须是 1 到 ${MAX_BATCH} 个记录 UUID 的数组`, `recordIds must be an array of 1 to ${MAX_BATCH} record UUIDs`));
  } else {
    ids.forEach((id, i) => {
      if (typeof id !== 'string' || !UUID.test(id)) errors.push(error(`recordIds/${i}`, 'format', '必须是记录的 UUID', 'must be the UUID of a record'));
    });
  }
  throwIfAny(errors);
  return { ...spec, recordIds: [...new Set((ids as string[]).map((id) => id.toLowerCase()))] };
}

function objectOf(body: unknown): Record<string, unknown> {
  if (typeof body === 'object' && body !== null && !Array.isArray(body)) return body as Record<string, unknown>;
  throw new QudaoError('LETTER_INVALID', [error('', 'type', '请求体必须是 JSON 对象', 'The body must be a JSON object')]);
}

function parseSpec(input: Record<string, unknown>, errors: FieldError[]): LetterSpec {
  for (const field of ['object', 'template'] as const) {
    if (typeof input[field] !== 'string' || !NAME.test(input[field] as string)) {
      errors.push(error(field, 'format', `${field} 必须是元数据名称`, `${field} must be a metadata name`));
    }
  }
  return {
    object: input.object as string,
    template: input.template as string,
    validFrom: dateSource(input, 'validFrom', errors),
    validTo: dateSource(input, 'validTo', errors),
  };
}

/** `validFrom: "2026-01-01"` or `validFromField: "starts_on"`, not both. */
function dateSource(input: Record<string, unknown>, name: 'validFrom' | 'validTo', errors: FieldError[]): DateSource {
  const date = input[name];
  const field = input[`${name}Field`];
  if (date !== undefined && field !== undefined) {
    errors.push(error(name, 'exclusive', `${name} 与 ${name}Field 只能给一个`, `give ${name} or ${name}Field, not both`));
    return null;
  }
  if (field !== undefined) {
    if (typeof field === 'string' && NAME.test(field)) return { field };
    errors.push(error(`${name}Field`, 'format', `${name}Field 必须是字段名`, `${name}Field must be a field name`));
    return null;
  }
  if (date === undefined || date === null) return null;
  if (typeof date === 'string' && isCalendarDate(date)) return { date };
  errors.push(error(name, 'format', `${name} 必须是日期 yyyy-mm-dd`, `${name} must be a date yyyy-mm-dd`));
  return null;
}

export function isCalendarDate(text: string): boolean {
  if (!DATE.test(text)) return false;
  const parsed = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === text;
}

function throwIfAny(errors: FieldError[]): void {
  if (errors.length) throw new QudaoError('LETTER_INVALID', errors);
}
