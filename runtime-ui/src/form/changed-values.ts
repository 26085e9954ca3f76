/** The fields a user changed, compared with the record as it was read (only those go into the PATCH). */
import type { RJSFSchema } from '@rjsf/utils';

const normalize = (value: unknown) => (value === undefined || value === '' ? null : value);

export function changedValues(before: Record<string, unknown>, after: Record<string, unknown>, schema: RJSFSchema): Record<string, unknown> {
  const changes: Record<string, unknown> = {};
  for (const name of Object.keys((schema.properties ?? {}) as object)) {
    const next = normalize(after[name]);
    if (JSON.stringify(normalize(before[name])) !== JSON.stringify(next)) changes[name] = next;
  }
  return changes;
}

/** What a create sends: the filled-in fields of the schema. */
export function filledValues(values: Record<string, unknown>, schema: RJSFSchema): Record<string, unknown> {
  const properties = (schema.properties ?? {}) as object;
  return Object.fromEntries(Object.entries(values).filter(([name, value]) => name in properties && normalize(value) !== null));
}
