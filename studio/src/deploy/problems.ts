/** A refused deploy's problem+json, as the forms show it: one message per error, and the form field each names. */
import type { FormInstance } from 'antd';
import { ApiError } from '../../../runtime-ui/src/api/client.ts';

export interface Problems {
  message: string;
  errors: string[];
}

export function problemsOf(error: unknown): Problems {
  if (error instanceof ApiError) return { message: error.message, errors: error.errors.map((e) => e.message) };
  return { message: error instanceof Error ? error.message : String(error), errors: [] };
}

/**
 * The form path of an error's `field` (`object:x/fields/3/label/en`, `role:x/parent` or `/documents/0/name`): what
 * follows the field's index, else what follows the document.
 */
export function formPath(field: string): (string | number)[] {
  const inField = /\/fields\/\d+\/(.+)$/.exec(field);
  const rest = inField ? inField[1] : field.replace(/^([A-Za-z]+:[a-z0-9_]+|\/documents\/\d+)\/?/, '');
  return rest.split('/').filter(Boolean).map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
}

/** Puts each error of a refused deploy under the form field it names, when the form has that field (`fields`). */
export function markFormErrors(form: FormInstance, error: unknown, fields: readonly string[]): void {
  if (!(error instanceof ApiError)) return;
  const marked = error.errors
    .map((e) => ({ name: formPath(e.field), errors: [e.message] }))
    .filter((f) => fields.includes(String(f.name[0])));
  if (marked.length) form.setFields(marked);
}
