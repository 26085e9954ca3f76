/** JSON Schema of a `validationRule` document (see ValidationRuleDoc in types.ts). */
import { labelSchema, nameSchema } from './common.schema.ts';

export const validationRuleSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  required: ['kind', 'name', 'object', 'errorWhen', 'message'],
  additionalProperties: false,
  properties: {
    kind: { const: 'validationRule' },
    name: nameSchema,
    object: nameSchema,
    label: labelSchema,
    field: nameSchema,
    errorWhen: {},
    message: labelSchema,
    active: { type: 'boolean' },
    tests: {
      type: 'array',
      maxItems: 50,
      items: {
        type: 'object',
        required: ['record', 'expect'],
        additionalProperties: false,
        properties: { label: labelSchema, record: { type: 'object' }, expect: { enum: ['error', 'pass'] } },
      },
    },
  },
} as const;
