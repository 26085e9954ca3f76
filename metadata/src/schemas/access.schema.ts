/** JSON Schemas of the access documents: `role`, `permissionSet`, `sharingRule` (see types.ts). */
import { ADMIN_RIGHTS, FIELD_ACCESS_LEVELS, OBJECT_RIGHTS } from '../types.ts';
import { descriptionSchema, labelSchema, nameSchema } from './common.schema.ts';

const header = (kind: string) => ({
  kind: { const: kind },
  name: nameSchema,
  label: labelSchema,
  description: descriptionSchema,
});

const names = { type: 'array', items: nameSchema, uniqueItems: true } as const;

export const roleSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  required: ['kind', 'name', 'label'],
  additionalProperties: false,
  properties: {
    ...header('role'),
    parent: nameSchema,
    portal: { type: 'boolean' },
    permissionSets: names,
  },
} as const;

const byName = (value: object) => ({ type: 'object', propertyNames: nameSchema, additionalProperties: value });

export const permissionSetSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  required: ['kind', 'name', 'label'],
  additionalProperties: false,
  properties: {
    ...header('permissionSet'),
    objects: byName({
      type: 'object',
      additionalProperties: false,
      properties: Object.fromEntries(OBJECT_RIGHTS.map((right) => [right, { type: 'boolean' }])),
    }),
    fields: byName(byName({ enum: FIELD_ACCESS_LEVELS })),
    rights: { type: 'array', items: { enum: ADMIN_RIGHTS }, uniqueItems: true },
  },
} as const;

export const sharingRuleSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  required: ['kind', 'name', 'label', 'object', 'roles', 'access'],
  additionalProperties: false,
  properties: {
    ...header('sharingRule'),
    object: nameSchema,
    criteria: {},
    roles: { ...names, minItems: 1 },
    includeSubordinates: { type: 'boolean' },
    access: { enum: ['read', 'edit'] },
  },
} as const;
