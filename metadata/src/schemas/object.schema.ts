/** JSON Schema of an `object` document (see ObjectDoc in types.ts). */
import { NAME_PATTERN } from '../names.ts';
import { COMPUTED_RETURN_TYPES, FIELD_TYPES, ROLLUP_AGGREGATES } from '../types.ts';
import { descriptionSchema, labelSchema, nameSchema } from './common.schema.ts';

const optionSchema = {
  type: 'object',
  required: ['value', 'label'],
  additionalProperties: false,
  properties: {
    value: { type: 'string', minLength: 1 },
    label: labelSchema,
    active: { type: 'boolean' },
  },
} as const;

const count = { type: 'integer', minimum: 0 } as const;

/** Every FieldDef property is allowed on any field; check-object.ts refuses those that do not fit the type. */
export const fieldSchema = {
  type: 'object',
  required: ['name', 'type', 'label'],
  additionalProperties: false,
  properties: {
    name: nameSchema,
    type: { enum: FIELD_TYPES },
    label: labelSchema,
    description: descriptionSchema,
    required: { type: 'boolean' },
    unique: { type: 'boolean' },
    removed: { type: 'boolean' },
    renamedFrom: nameSchema,
    default: {},
    defaultExpression: {},
    requiredWhen: {},
    readOnlyWhen: {},
    visibleWhen: {},
    maxLength: count,
    minLength: count,
    pattern: { type: 'string', minLength: 1 },
    min: { type: 'number' },
    max: { type: 'number' },
    scale: { type: 'integer' },
    options: { type: 'array', items: optionSchema },
    target: nameSchema,
    format: { type: 'string', minLength: 1 },
    returns: { enum: COMPUTED_RETURN_TYPES },
    expression: {},
    computeOn: { enum: ['write', 'read'] },
    of: nameSchema,
    via: nameSchema,
    aggregate: { enum: ROLLUP_AGGREGATES },
    field: nameSchema,
  },
} as const;

const indexSchema = {
  type: 'object',
  required: ['fields'],
  additionalProperties: false,
  properties: {
    fields: { type: 'array', minItems: 1, items: nameSchema },
    unique: { type: 'boolean' },
  },
} as const;

export const objectSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  required: ['kind', 'name', 'label', 'fields'],
  additionalProperties: false,
  properties: {
    kind: { const: 'object' },
    name: nameSchema,
    label: labelSchema,
    description: descriptionSchema,
    titleField: nameSchema,
    fields: { type: 'array', items: fieldSchema },
    indexes: { type: 'array', items: indexSchema },
    access: {
      type: 'object',
      additionalProperties: false,
      properties: {
        internal: { enum: ['private', 'read', 'edit'] },
        controlledBy: nameSchema,
        portalAccount: { type: 'boolean' },
        portalVia: { type: 'string', pattern: `^${NAME_PATTERN.source.slice(1, -1)}(\\.${NAME_PATTERN.source.slice(1, -1)}){0,1}$` },
        portalPublic: { type: 'boolean' },
      },
    },
  },
} as const;
