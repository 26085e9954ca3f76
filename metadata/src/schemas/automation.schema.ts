/** JSON Schema of an `automation` document (see AutomationDoc in types.ts); its actions are a workflow action node's. */
import { APPROVAL_OUTCOMES, type AutomationTrigger } from '../types.ts';
import { descriptionSchema, labelSchema, nameSchema } from './common.schema.ts';
import { actionSchema } from './workflow.schema.ts';

/** Five fields (minute hour day-of-month month day-of-week); whether each field parses is the deploy's check. */
export const CRON_PATTERN = /^\S+( \S+){4}$/;
const cronSchema = { type: 'string', pattern: CRON_PATTERN.source } as const;

/** The properties each kind of trigger takes beside `on`, and those it requires. */
const TRIGGERS: Record<AutomationTrigger['on'], { properties: Record<string, object>; required: string[] }> = {
  create: { properties: {}, required: [] },
  update: { properties: {}, required: [] },
  fieldChange: { properties: { fields: { type: 'array', minItems: 1, uniqueItems: true, items: nameSchema } }, required: ['fields'] },
  schedule: { properties: { cron: cronSchema, timezone: { type: 'string', minLength: 1 } }, required: ['cron'] },
  approval: { properties: { workflow: nameSchema, outcome: { enum: APPROVAL_OUTCOMES } }, required: [] },
};

/** Branches on `on` (if/then, not oneOf) so that a problem names the property at fault, not every branch. */
const triggerSchema = {
  type: 'object',
  required: ['on'],
  properties: { on: { enum: Object.keys(TRIGGERS) } },
  allOf: Object.entries(TRIGGERS).map(([on, { properties, required }]) => ({
    if: { type: 'object', required: ['on'], properties: { on: { const: on } } },
    then: { type: 'object', required, additionalProperties: false, properties: { on: {}, ...properties } },
  })),
} as const;

export const automationSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  required: ['kind', 'name', 'label', 'object', 'trigger', 'actions'],
  additionalProperties: false,
  properties: {
    kind: { const: 'automation' },
    name: nameSchema,
    label: labelSchema,
    description: descriptionSchema,
    object: nameSchema,
    trigger: triggerSchema,
    condition: {},
    actions: { type: 'array', minItems: 1, items: actionSchema },
    active: { type: 'boolean' },
  },
} as const;
