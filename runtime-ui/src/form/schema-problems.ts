/**
 * What the JSON Schema refuses in the values, checked with @rjsf's ajv8 validator and said in the UI language
 * (ajv's own messages are English and technical).
 */
import type { RJSFSchema } from '@rjsf/utils';
import validator from '@rjsf/validator-ajv8';
import type { TFunction } from 'i18next';
import type { FieldProblem } from './problems.ts';

interface AjvError {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
}

/** Empty values are absent to the schema, so `required` (not `type`) speaks for them. */
export function presentValues(values: Record<string, unknown>, schema: RJSFSchema): Record<string, unknown> {
  const properties = (schema.properties ?? {}) as Record<string, unknown>;
  const present: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(values)) {
    if (!(name in properties) || value === null || value === undefined || value === '') continue;
    if (Array.isArray(value) && value.length === 0) continue;
    present[name] = value;
  }
  return present;
}

export function schemaProblems(schema: RJSFSchema, values: Record<string, unknown>, t: TFunction): FieldProblem[] {
  const { errors } = validator.rawValidation<AjvError>(schema, presentValues(values, schema));
  return (errors ?? []).map((error) => toProblem(error, t));
}

function toProblem(error: AjvError, t: TFunction): FieldProblem {
  const path = error.instancePath.split('/').filter(Boolean);
  if (error.keyword === 'required') path.push(String(error.params.missingProperty));
  const known = ['required', 'maxLength', 'minLength', 'pattern', 'minimum', 'maximum', 'format', 'type', 'enum', 'multipleOf'];
  const key = known.includes(error.keyword) ? error.keyword : 'invalid';
  return { field: path.join('.'), rule: error.keyword, message: t(`schema.${key}`, { ...error.params }) };
}
