/** JSON Schema of a `layout` document (see LayoutDoc in types.ts). */
import { MAX_PAGE_SIZE, MAX_SORT_KEYS } from '../types.ts';
import { descriptionSchema, labelSchema, nameSchema } from './common.schema.ts';

const fieldNames = { type: 'array', items: nameSchema } as const;

const sectionSchema = {
  type: 'object',
  required: ['name', 'label', 'fields'],
  additionalProperties: false,
  properties: {
    name: nameSchema,
    label: labelSchema,
    columns: { enum: [1, 2] },
    fields: fieldNames,
  },
} as const;

const listViewSchema = {
  type: 'object',
  required: ['name', 'label', 'columns'],
  additionalProperties: false,
  properties: {
    name: nameSchema,
    label: labelSchema,
    filter: {},
    columns: { ...fieldNames, minItems: 1 },
    sort: { type: 'array', minItems: 1, maxItems: MAX_SORT_KEYS, items: { type: 'string', pattern: `^-?${nameSchema.pattern.slice(1)}` } },
    pageSize: { type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE },
  },
} as const;

export const layoutSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  required: ['kind', 'name', 'label', 'object'],
  additionalProperties: false,
  properties: {
    kind: { const: 'layout' },
    name: nameSchema,
    label: labelSchema,
    description: descriptionSchema,
    object: nameSchema,
    sections: { type: 'array', items: sectionSchema },
    listViews: { type: 'array', items: listViewSchema },
  },
} as const;
