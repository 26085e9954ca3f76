/**
 * Field rules that depend on the record: defaults computed from other fields, required-when and read-only-when.
 * (visibleWhen only shapes forms; the server neither hides nor refuses by it.)
 */
import { evaluateLogic, isTruthy } from '../../../metadata/src/jsonlogic.ts';
import type { FieldDef } from '../../../metadata/src/types.ts';
import type { FieldError } from '../errors/catalog.ts';
import { CoercionFailure, coercerFor } from './field-coercion.ts';
import { fieldMessage } from './field-messages.ts';

type RecordData = Record<string, unknown>;

export interface FieldConditions {
  /** Fills absent fields that have a `defaultExpression`, evaluated over the values given so far. */
  applyDefaults(input: RecordData, values: RecordData, errors: FieldError[]): void;
  /** Required-when and read-only-when, over the record as it will be (`candidate`) and, on update, as it is. */
  check(values: RecordData, candidate: RecordData, current: RecordData | undefined, errors: FieldError[]): void;
}

const holds = (expression: unknown, data: RecordData): boolean => {
  try {
    return isTruthy(evaluateLogic(expression, data));
  } catch {
    return false;
  }
};

export const isEmpty = (value: unknown) =>
  value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);

export const hasError = (errors: FieldError[], field: string) => errors.some((e) => e.field === field);

export function compileFieldConditions(fields: readonly FieldDef[]): FieldConditions {
  const computedDefaults = fields.filter((f) => f.defaultExpression !== undefined).map((f) => ({ field: f, coerce: coercerFor(f) }));
  const requiredWhen = fields.filter((f) => f.requiredWhen !== undefined);
  const readOnlyWhen = fields.filter((f) => f.readOnlyWhen !== undefined);
  return {
    applyDefaults(input, values, errors) {
      for (const { field, coerce } of computedDefaults) {
        if (Object.hasOwn(input, field.name)) continue;
        let value: unknown;
        try {
          value = coerce(evaluateLogic(field.defaultExpression, values));
        } catch {
          value = null;
        }
        if (value instanceof CoercionFailure) errors.push({ field: field.name, rule: value.rule, message: fieldMessage(field, value.rule) });
        else if (value !== null && value !== undefined) values[field.name] = value;
      }
    },
    check(values, candidate, current, errors) {
      for (const field of requiredWhen) {
        if (!hasError(errors, field.name) && isEmpty(candidate[field.name]) && holds(field.requiredWhen, candidate)) {
          errors.push({ field: field.name, rule: 'required', message: fieldMessage(field, 'required') });
        }
      }
      for (const field of readOnlyWhen) {
        if (!Object.hasOwn(values, field.name) || hasError(errors, field.name)) continue;
        const changes = current === undefined || JSON.stringify(current[field.name] ?? null) !== JSON.stringify(values[field.name] ?? null);
        if (changes && holds(field.readOnlyWhen, current ?? candidate)) {
          errors.push({ field: field.name, rule: 'read_only', message: fieldMessage(field, 'read_only') });
        }
      }
    },
  };
}
