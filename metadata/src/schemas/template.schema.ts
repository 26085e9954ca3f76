/** JSON Schema of a `template` document (see TemplateDoc in types.ts). */
import { NOTIFICATION_CHANNELS } from '../types.ts';
import { descriptionSchema, labelSchema, nameSchema } from './common.schema.ts';

/** Like a label, but the text is a handlebars template of bounded size. */
const templateTextSchema = {
  ...labelSchema,
  properties: {
    'zh-CN': { type: 'string', minLength: 1, maxLength: 20000 },
    en: { type: 'string', minLength: 1, maxLength: 20000 },
  },
} as const;

export const templateSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  required: ['kind', 'name', 'label', 'subject', 'body'],
  additionalProperties: false,
  properties: {
    kind: { const: 'template' },
    name: nameSchema,
    label: labelSchema,
    description: descriptionSchema,
    object: nameSchema,
    subject: templateTextSchema,
    body: templateTextSchema,
    channels: { type: 'array', minItems: 1, uniqueItems: true, items: { enum: NOTIFICATION_CHANNELS } },
  },
} as const;
