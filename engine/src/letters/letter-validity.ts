/** A letter's validity dates: given in the request, read from the record's date fields, or from today on. */
import type { ObjectDoc } from '../../../metadata/src/types.ts';
import { QudaoError, type FieldError } from '../errors/catalog.ts';
import type { DateSource, LetterSpec } from './letter-request.ts';
import { todayInChina } from './letter-status.ts';

export interface Validity {
  validFrom: string;
  validTo: string | null;
}

const error = (field: string, rule: string, zh: string, en: string): FieldError => ({ field, rule, message: { 'zh-CN': zh, en } });

export function validityOrThrow(spec: LetterSpec, object: ObjectDoc, record: Record<string, unknown>): Validity {
  const errors: FieldError[] = [];
  const validFrom = resolve('validFrom', spec.validFrom, object, record, errors) ?? todayInChina();
  const validTo = resolve('validTo', spec.validTo, object, record, errors);
  if (validTo !== null && validTo < validFrom) {
    errors.push(error('validTo', 'range', `有效期截止 ${validTo} 早于开始 ${validFrom}`, `validTo ${validTo} is before validFrom ${validFrom}`));
  }
  if (errors.length) throw new QudaoError('LETTER_INVALID', errors);
  return { validFrom, validTo };
}

/** Field errors name `<bound>Field`, the request's key that named the field. */
function resolve(name: 'validFrom' | 'validTo', source: DateSource, object: ObjectDoc, record: Record<string, unknown>, errors: FieldError[]): string | null {
  if (source === null) return null;
  if ('date' in source) return source.date;
  const field = object.fields.find((f) => f.name === source.field && !f.removed);
  if (!field || field.type !== 'date') {
    errors.push(error(`${name}Field`, 'reference', `${object.name} 没有日期字段 ${source.field}`, `${object.name} has no date field ${source.field}`));
    return null;
  }
  const value = record[source.field];
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value)) return value.slice(0, 10);
  errors.push(error(`${name}Field`, 'required', `该记录的 ${source.field} 为空`, `The record's ${source.field} is empty`));
  return null;
}
