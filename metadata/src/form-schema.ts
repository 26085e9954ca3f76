/**
 * The form of a record, derived from metadata: a draft-07 JSON Schema of a writable record and the @rjsf uiSchema
 * that renders it (widget names, order, read-only, help). Pure and browser-safe: the engine answers it in
 * `GET /api/ui/objects/:object`, and the studio's form preview may build it from a draft layout.
 *
 * The fields given are the ones the user may read; `readOnly` marks those it may not write (field access, or a
 * computed field). Widgets are names only (habit 1): the web app registers a component under each.
 */
import type { FieldType, Locale } from './types.ts';
import type { UiField, UiSection } from './ui-contract.ts';

export type JsonSchema = Record<string, unknown>;

export interface FormSchema {
  schema: JsonSchema;
  uiSchema: JsonSchema;
}

/** The widget name the web app registers for each field type. */
export const WIDGET_OF_TYPE: Record<FieldType, string> = {
  text: 'text', long_text: 'textarea', rich_text: 'richtext', number: 'number', integer: 'integer', money: 'money',
  percent: 'percent', boolean: 'checkbox', date: 'date', datetime: 'datetime', picklist: 'select',
  multi_picklist: 'multiselect', lookup: 'lookup', master_detail: 'lookup', email: 'email', phone: 'phone',
  url: 'url', region: 'region', geo_point: 'geo', file: 'file', image: 'image',
  autonumber: 'readonly', formula: 'readonly', rollup: 'readonly',
};

const COMPUTED: ReadonlySet<FieldType> = new Set(['autonumber', 'formula', 'rollup']);
const UUID_VALUED: ReadonlySet<FieldType> = new Set(['lookup', 'master_detail', 'file', 'image']);

export function buildFormSchema(fields: readonly UiField[], sections: readonly UiSection[], locale: Locale): FormSchema {
  const properties = Object.fromEntries(fields.map((f) => [f.name, withTitle(valueSchema(f), f, locale)]));
  const required = fields.filter((f) => f.required && !f.readOnly).map((f) => f.name);
  const schema: JsonSchema = {
    $schema: 'http://json-schema.org/draft-07/schema#',
    type: 'object',
    properties,
    ...(required.length ? { required } : {}),
  };
  const uiSchema: JsonSchema = { 'ui:order': fieldOrder(fields, sections) };
  for (const field of fields) uiSchema[field.name] = fieldUi(field, locale);
  return { schema, uiSchema };
}

/** The sections' fields in order, then any field no section names; `*` keeps @rjsf from refusing an unlisted one. */
function fieldOrder(fields: readonly UiField[], sections: readonly UiSection[]): string[] {
  const known = new Set(fields.map((f) => f.name));
  const ordered = [...new Set(sections.flatMap((s) => s.fields))].filter((name) => known.has(name));
  const rest = fields.map((f) => f.name).filter((name) => !ordered.includes(name));
  return [...ordered, ...rest, '*'];
}

function withTitle(schema: JsonSchema, field: UiField, locale: Locale): JsonSchema {
  return { title: field.label[locale] ?? field.name, ...schema, ...(field.readOnly ? { readOnly: true } : {}) };
}

/** The JSON type of a value; a field that may be left empty admits null as well. */
function valueSchema(field: UiField): JsonSchema {
  const nullable = !field.required || field.readOnly;
  const type = (name: string) => (nullable ? [name, 'null'] : name);
  const valueType = COMPUTED.has(field.type) && field.type !== 'autonumber' ? (field.returns ?? 'text') : field.type;
  switch (valueType) {
    case 'picklist': return picklistSchema(field, nullable);
    case 'multi_picklist': return { type: type('array'), uniqueItems: true, items: { enum: optionValues(field) } };
    case 'integer': return { type: type('integer'), ...bounds(field) };
    case 'number': case 'percent': return { type: type('number'), ...bounds(field) };
    // Money travels as a decimal string ("12.50") or a number; the widget keeps the cents exact.
    case 'money': return { type: nullable ? ['string', 'number', 'null'] : ['string', 'number'], ...bounds(field) };
    case 'boolean': return { type: type('boolean') };
    case 'date': return { type: type('string'), format: 'date' };
    case 'datetime': return { type: type('string'), format: 'date-time' };
    case 'email': return { type: type('string'), format: 'email', ...textChecks(field) };
    case 'url': return { type: type('string'), format: 'uri', ...textChecks(field) };
    case 'region': return { type: type('string'), pattern: '^\\d{6}$' };
    case 'geo_point': return geoSchema(nullable);
    default:
      if (UUID_VALUED.has(valueType as FieldType)) return { type: type('string'), format: 'uuid' };
      return { type: type('string'), ...textChecks(field) };
  }
}

function picklistSchema(field: UiField, nullable: boolean): JsonSchema {
  const values = optionValues(field);
  return { type: nullable ? ['string', 'null'] : 'string', enum: nullable ? [...values, null] : values };
}

/** Inactive options are offered only where the value can't change anyway (read-only), so an old value still shows. */
function optionValues(field: UiField): string[] {
  return activeOptions(field).map((o) => o.value);
}

function activeOptions(field: UiField) {
  return (field.options ?? []).filter((o) => field.readOnly || o.active !== false);
}

function geoSchema(nullable: boolean): JsonSchema {
  const point = {
    type: 'object',
    properties: { lat: { type: 'number', minimum: -90, maximum: 90 }, lng: { type: 'number', minimum: -180, maximum: 180 } },
    required: ['lat', 'lng'],
  };
  return nullable ? { anyOf: [point, { type: 'null' }] } : point;
}

function bounds(field: UiField): JsonSchema {
  return { ...(field.min !== undefined && { minimum: field.min }), ...(field.max !== undefined && { maximum: field.max }) };
}

function textChecks(field: UiField): JsonSchema {
  return {
    ...(field.maxLength !== undefined && { maxLength: field.maxLength }),
    ...(field.minLength !== undefined && { minLength: field.minLength }),
    ...(field.pattern !== undefined && { pattern: field.pattern }),
  };
}

function fieldUi(field: UiField, locale: Locale): JsonSchema {
  const ui: JsonSchema = { 'ui:widget': WIDGET_OF_TYPE[field.type] };
  if (field.readOnly) ui['ui:readonly'] = true;
  const help = field.description?.[locale];
  if (help) ui['ui:help'] = help;
  if (field.type === 'picklist' || field.type === 'multi_picklist') {
    const labels = activeOptions(field).map((o) => o.label[locale] ?? o.value);
    ui['ui:enumNames'] = field.type === 'picklist' && (!field.required || field.readOnly) ? [...labels, ''] : labels;
  }
  if (field.target !== undefined) ui['ui:options'] = { target: field.target, targetTitleField: field.targetTitleField ?? null };
  if (COMPUTED.has(field.type) && field.returns) ui['ui:options'] = { returns: field.returns };
  if (field.scale !== undefined) ui['ui:options'] = { ...(ui['ui:options'] as object | undefined), scale: field.scale };
  return ui;
}
