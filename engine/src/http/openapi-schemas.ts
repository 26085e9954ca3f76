/** JSON Schemas (OpenAPI 3.1 dialect) of an object's records, built from its metadata. */
import { SYSTEM_FIELDS, type FieldDef, type FieldType, type ObjectDoc } from '../../../metadata/src/types.ts';
import { ERROR_CATALOG } from '../errors/catalog.ts';

export type JsonSchema = Record<string, unknown>;

/** Money travels as a decimal string, never as a float. */
export const MONEY_PATTERN = '^-?\\d+(\\.\\d+)?$';
/** A GB/T 2260 administrative region code. */
const REGION_PATTERN = '^\\d{6}$';

const UUID = { type: 'string', format: 'uuid' };
const DATE_TIME = { type: 'string', format: 'date-time' };
const READ_ONLY_TYPES: readonly FieldType[] = ['formula', 'rollup', 'autonumber'];

export function ref(schemaName: string): JsonSchema {
  return { $ref: `#/components/schemas/${schemaName}` };
}

/** Names the platform itself uses for schemas (and `Metadata` for operationIds). */
const PLATFORM_NAMES = ['Problem', 'HistoryEntry', 'Label', 'MetadataDocument', 'DeployRequest', 'DeployResult', 'Metadata'];

/** `dealer_contact` → `DealerContact`, for schema names and operationIds; `problem` → `ProblemRecord`. */
export function typeName(objectName: string): string {
  const name = objectName.split('_').filter(Boolean).map((part) => part[0].toUpperCase() + part.slice(1)).join('');
  return PLATFORM_NAMES.includes(name) ? `${name}Record` : name;
}

function liveFields(object: ObjectDoc): FieldDef[] {
  return object.fields.filter((field) => !field.removed);
}

function isWritable(field: FieldDef): boolean {
  return !READ_ONLY_TYPES.includes(field.type) && !(SYSTEM_FIELDS as readonly string[]).includes(field.name);
}

/** The schemas of one object, keyed by their component name. */
export function objectSchemas(object: ObjectDoc): Record<string, JsonSchema> {
  const name = typeName(object.name);
  const writable = liveFields(object).filter(isWritable);
  return {
    [name]: recordSchema(object),
    [`${name}Input`]: inputSchema(object, writable),
    [`${name}Patch`]: patchSchema(object, writable),
    [`${name}Page`]: pageSchema(name),
  };
}

/** Schemas every document has, whatever the metadata: errors, history, metadata documents, deploys. */
export function sharedSchemas(): Record<string, JsonSchema> {
  return {
    Problem: problemSchema(),
    HistoryEntry: historyEntrySchema(),
    Label: labelSchema(),
    MetadataDocument: {
      type: 'object',
      required: ['kind', 'name'],
      properties: { kind: { type: 'string' }, name: { type: 'string' }, label: ref('Label') },
      additionalProperties: true,
    },
    DeployRequest: deployRequestSchema(),
    DeployResult: deployResultSchema(),
  };
}

function problemSchema(): JsonSchema {
  const fieldError = {
    type: 'object',
    required: ['field', 'rule', 'message'],
    properties: { field: { type: 'string' }, rule: { type: 'string' }, message: { type: 'string' } },
  };
  return {
    type: 'object',
    description: 'An RFC 9457 problem (application/problem+json); clients branch on `code`.',
    required: ['type', 'title', 'status', 'code', 'errors'],
    properties: {
      type: { type: 'string', format: 'uri' },
      title: { type: 'string' },
      status: { type: 'integer' },
      code: { type: 'string', enum: Object.keys(ERROR_CATALOG) },
      detail: { type: 'string' },
      instance: { type: 'string' },
      errors: { type: 'array', items: fieldError },
    },
  };
}

function historyEntrySchema(): JsonSchema {
  return {
    type: 'object',
    required: ['id', 'action', 'at', 'actor', 'requestId', 'changes'],
    properties: {
      id: { type: 'string' },
      action: { type: 'string', enum: ['create', 'update', 'delete', 'restore'] },
      at: DATE_TIME,
      actor: { type: ['string', 'null'], format: 'uuid' },
      requestId: { type: ['string', 'null'] },
      changes: { type: 'object', additionalProperties: true },
    },
  };
}

function labelSchema(): JsonSchema {
  return {
    type: 'object',
    required: ['zh-CN', 'en'],
    properties: { 'zh-CN': { type: 'string' }, en: { type: 'string' } },
  };
}

function deployRequestSchema(): JsonSchema {
  return {
    type: 'object',
    required: ['documents'],
    properties: {
      documents: { type: 'array', items: ref('MetadataDocument') },
      dryRun: { type: 'boolean', default: false, description: 'Return the plan with its SQL without applying it' },
      force: { type: 'boolean', default: false, description: 'Apply changes that may lose data' },
    },
    additionalProperties: false,
  };
}

function deployResultSchema(): JsonSchema {
  const step = {
    type: 'object',
    required: ['kind', 'description', 'sql'],
    properties: {
      kind: { type: 'string' },
      description: ref('Label'),
      sql: { type: 'array', items: { type: 'string' } },
      risk: {
        description: 'A step that scans or rewrites a large table (slow), or drops data (destructive)',
        type: 'object',
        required: ['level', 'rows', 'reason'],
        properties: { level: { enum: ['slow', 'destructive'] }, rows: { type: 'integer' }, reason: ref('Label') },
      },
    },
  };
  return {
    type: 'object',
    required: ['applied', 'steps'],
    properties: { applied: { type: 'boolean' }, steps: { type: 'array', items: step } },
  };
}

function recordSchema(object: ObjectDoc): JsonSchema {
  const properties = Object.fromEntries(liveFields(object).map((f) => [f.name, storedFieldSchema(f)]));
  return {
    ...objectLabels(object),
    type: 'object',
    required: ['id'],
    properties: { ...systemProperties(), ...properties },
  };
}

function inputSchema(object: ObjectDoc, writable: FieldDef[]): JsonSchema {
  return { ...objectLabels(object), ...fieldsInputSchema(writable) };
}

/** A body of these fields' values (a new record's, an action's input): the required ones required, no others. */
export function fieldsInputSchema(fields: readonly FieldDef[]): JsonSchema {
  const required = fields.filter((f) => f.required).map((f) => f.name);
  return {
    type: 'object',
    ...(required.length ? { required } : {}),
    properties: Object.fromEntries(fields.map((f) => [f.name, writeFieldSchema(f)])),
    additionalProperties: false,
  };
}

function patchSchema(object: ObjectDoc, writable: FieldDef[]): JsonSchema {
  const version = { type: 'integer', minimum: 1, description: 'The version last read, for optimistic locking' };
  return {
    ...objectLabels(object),
    type: 'object',
    properties: { ...Object.fromEntries(writable.map((f) => [f.name, writeFieldSchema(f)])), version },
    additionalProperties: false,
  };
}

function pageSchema(name: string): JsonSchema {
  return {
    type: 'object',
    required: ['data', 'nextCursor'],
    properties: {
      data: { type: 'array', items: ref(name) },
      nextCursor: { type: ['string', 'null'] },
      total: { type: 'integer', minimum: 0 },
      totalIsEstimate: { type: 'boolean' },
    },
  };
}

function objectLabels(object: ObjectDoc): JsonSchema {
  const description = [object.description?.en, object.description?.['zh-CN']].filter(Boolean).join('\n\n');
  return { title: object.label.en, 'x-label': object.label, ...(description ? { description } : {}) };
}

function systemProperties(): Record<string, JsonSchema> {
  const auditor = { type: ['string', 'null'], format: 'uuid', readOnly: true };
  return {
    id: { ...UUID, readOnly: true },
    created_at: { ...DATE_TIME, readOnly: true },
    created_by: auditor,
    updated_at: { ...DATE_TIME, readOnly: true },
    updated_by: auditor,
    owner_id: { type: ['string', 'null'], format: 'uuid' },
    version: { type: 'integer', minimum: 1, readOnly: true },
    deleted_at: { type: ['string', 'null'], format: 'date-time', readOnly: true },
  };
}

/** A field as read back: every option is valid (old records may hold inactive ones); computed values are read-only. */
function storedFieldSchema(field: FieldDef): JsonSchema {
  const schema = labelled(field, typeSchema(field, true));
  const nullable = field.type !== 'autonumber' && (!field.required || !isWritable(field));
  return { ...(nullable ? withNull(schema) : schema), ...(isWritable(field) ? {} : { readOnly: true }) };
}

/** A field as written: only active options, with its default; an optional field may be cleared with null. */
function writeFieldSchema(field: FieldDef): JsonSchema {
  const schema = labelled(field, typeSchema(field, false));
  const withDefault = field.default === undefined ? schema : { ...schema, default: field.default };
  return field.required ? withDefault : withNull(withDefault);
}

function labelled(field: FieldDef, schema: JsonSchema): JsonSchema {
  const description = field.description?.en ?? field.description?.['zh-CN'];
  return { title: field.label.en, 'x-label': field.label, ...(description ? { description } : {}), ...schema };
}

/** OpenAPI 3.1 nullability: `type: [t, 'null']`, and null among the enum values. */
function withNull(schema: JsonSchema): JsonSchema {
  const nullable: JsonSchema = { ...schema, type: [schema.type, 'null'] };
  if (Array.isArray(schema.enum)) nullable.enum = [...schema.enum, null];
  return nullable;
}

function typeSchema(field: FieldDef, withInactive: boolean): JsonSchema {
  switch (field.type) {
    case 'text': case 'long_text': case 'rich_text': case 'phone': return textSchema(field);
    case 'email': return { ...textSchema(field), format: 'email' };
    case 'url': return { ...textSchema(field), format: 'uri' };
    case 'integer': return numberSchema('integer', field);
    case 'number': case 'percent': return numberSchema('number', field);
    case 'money': return { type: 'string', pattern: MONEY_PATTERN };
    case 'boolean': return { type: 'boolean' };
    case 'date': return { type: 'string', format: 'date' };
    case 'datetime': return DATE_TIME;
    case 'picklist': return { type: 'string', enum: optionValues(field, withInactive) };
    case 'multi_picklist':
      return { type: 'array', uniqueItems: true, items: { type: 'string', enum: optionValues(field, withInactive) } };
    case 'lookup': case 'master_detail': case 'file': case 'image': return UUID;
    case 'region': return { type: 'string', pattern: REGION_PATTERN };
    case 'geo_point': return geoPointSchema();
    case 'autonumber': return { type: 'string' };
    case 'formula': return typeSchema({ ...field, type: field.returns ?? 'text' }, withInactive);
    case 'rollup': return typeSchema({ ...field, type: field.returns ?? 'number' }, withInactive);
  }
}

function textSchema(field: FieldDef): JsonSchema {
  return {
    type: 'string',
    ...(field.minLength !== undefined ? { minLength: field.minLength } : {}),
    ...(field.maxLength !== undefined ? { maxLength: field.maxLength } : {}),
    ...(field.pattern !== undefined ? { pattern: field.pattern } : {}),
  };
}

function numberSchema(type: 'integer' | 'number', field: FieldDef): JsonSchema {
  return {
    type,
    ...(field.min !== undefined ? { minimum: field.min } : {}),
    ...(field.max !== undefined ? { maximum: field.max } : {}),
  };
}

function optionValues(field: FieldDef, withInactive: boolean): string[] {
  return (field.options ?? []).filter((o) => withInactive || o.active !== false).map((o) => o.value);
}

function geoPointSchema(): JsonSchema {
  return {
    type: 'object',
    required: ['lat', 'lng'],
    properties: {
      lat: { type: 'number', minimum: -90, maximum: 90 },
      lng: { type: 'number', minimum: -180, maximum: 180 },
    },
    additionalProperties: false,
  };
}

/** A JSON request body, required. */
export function jsonBody(schema: JsonSchema): JsonSchema {
  return { required: true, content: { 'application/json': { schema } } };
}

/** A JSON answer. */
export function ok(description: string, schema: JsonSchema): JsonSchema {
  return { description, content: { 'application/json': { schema } } };
}

/** A problem+json answer. */
export function problem(description: string): JsonSchema {
  return { description, content: { 'application/problem+json': { schema: ref('Problem') } } };
}
