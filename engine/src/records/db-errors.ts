import type { ObjectRuntime } from '../registry.ts';
import { QudaoError, type FieldError } from '../errors/catalog.ts';

interface PgError {
  code?: string;
  constraint?: string;
}

/** Unique and foreign-key violations become field errors naming the field, never a 500. */
export function fieldErrorFromDb(object: ObjectRuntime, error: unknown): QudaoError | undefined {
  const { code, constraint } = (error ?? {}) as PgError;
  if (code !== '23505' && code !== '23503') return undefined;
  const fields = (constraint && object.constraintFields.get(constraint)) || ['_record'];
  const errors: FieldError[] = fields.map((name) => {
    const label = object.fields.get(name)?.label ?? { 'zh-CN': name, en: name };
    return code === '23505'
      ? { field: name, rule: 'unique', message: { 'zh-CN': `「${label['zh-CN']}」的值已被其他记录使用`, en: `${label.en} is already used by another record` } }
      : { field: name, rule: 'lookup_not_found', message: { 'zh-CN': `「${label['zh-CN']}」引用的记录不存在`, en: `The record ${label.en} refers to does not exist` } };
  });
  return new QudaoError('RECORD_INVALID', errors);
}
