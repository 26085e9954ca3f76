/**
 * Values a create form starts with: the defaults of the fields the user may write, then its query string
 * (`/o/dealer_contact/new?dealer=<id>` from a related list) on top.
 */
import type { RJSFSchema } from '@rjsf/utils';
import type { UiField } from '../../../metadata/src/ui-contract.ts';

export function fieldDefaults(fields: readonly UiField[]): Record<string, unknown> {
  return Object.fromEntries(fields.filter((f) => !f.readOnly && f.default !== undefined).map((f) => [f.name, f.default]));
}

export function prefillFromQuery(search: URLSearchParams, schema: RJSFSchema): Record<string, unknown> {
  const properties = (schema.properties ?? {}) as Record<string, RJSFSchema>;
  const values: Record<string, unknown> = {};
  for (const [name, text] of search) {
    const property = properties[name];
    if (property) values[name] = typed(text, property);
  }
  return values;
}

function typed(text: string, property: RJSFSchema): unknown {
  const type = Array.isArray(property.type) ? property.type.find((t) => t !== 'null') : property.type;
  if (type === 'number' || type === 'integer') return Number.isFinite(Number(text)) ? Number(text) : text;
  if (type === 'boolean') return text === 'true';
  if (type === 'array') return text.split(',').filter(Boolean);
  return text;
}
