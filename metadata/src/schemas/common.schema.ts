/** Schema pieces shared by the document kinds. */
import { NAME_PATTERN } from '../names.ts';

export const nameSchema = { type: 'string', pattern: NAME_PATTERN.source } as const;

export const labelSchema = {
  type: 'object',
  required: ['zh-CN', 'en'],
  additionalProperties: false,
  properties: {
    'zh-CN': { type: 'string', minLength: 1 },
    en: { type: 'string', minLength: 1 },
  },
} as const;

export const descriptionSchema = {
  type: 'object',
  additionalProperties: false,
  properties: labelSchema.properties,
} as const;
