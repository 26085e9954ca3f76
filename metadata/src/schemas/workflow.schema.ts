/** JSON Schema of a `workflow` document (see WorkflowDoc in types.ts). The graph's meaning is check-workflow.ts's. */
import { APPROVAL_MODES, WORKFLOW_EDGE_OUTCOMES, WORKFLOW_NODE_TYPES } from '../types.ts';
import { descriptionSchema, labelSchema, nameSchema } from './common.schema.ts';

/** Node ids are names too: they show in messages and, later, in the runtime's rows. */
const idSchema = { type: 'string', pattern: '^[a-z][a-z0-9_]{0,47}$' } as const;

const oneKey = (key: string, value: object) =>
  ({ type: 'object', required: [key], additionalProperties: false, properties: { [key]: value } }) as const;

const approverSchema = {
  oneOf: [
    oneKey('user', { type: 'string', minLength: 1 }),
    oneKey('role', nameSchema),
    oneKey('managerOf', nameSchema),
    oneKey('ownerManager', { const: true }),
    oneKey('lookup', {}),
  ],
} as const;

const approversSchema = { oneOf: [approverSchema, { type: 'array', minItems: 1, items: approverSchema }] } as const;

/** A notification's recipients: approvers, or an account's portal users (never approvers). */
const recipientSchema = { oneOf: [...approverSchema.oneOf, oneKey('accountUsers', nameSchema)] } as const;
const recipientsSchema = { oneOf: [recipientSchema, { type: 'array', minItems: 1, items: recipientSchema }] } as const;

const valuesSchema = { type: 'object', minProperties: 1, propertyNames: nameSchema, additionalProperties: {} } as const;

/** What an action node (or an automation) does: one key per action. */
export const actionSchema = {
  oneOf: [
    oneKey('update', valuesSchema),
    oneKey('create', { type: 'object', required: ['object', 'values'], additionalProperties: false,
      properties: { object: nameSchema, values: valuesSchema } }),
    oneKey('notify', { type: 'object', required: ['template'], additionalProperties: false,
      properties: { template: nameSchema, to: recipientsSchema } }),
    oneKey('webhook', { type: 'object', required: ['url'], additionalProperties: false,
      properties: { url: { type: 'string', pattern: '^https?://' }, method: { enum: ['POST', 'PUT', 'PATCH'] } } }),
    oneKey('startWorkflow', nameSchema),
  ],
} as const;

const nodeSchema = {
  type: 'object',
  required: ['id', 'type'],
  additionalProperties: false,
  properties: {
    id: idSchema,
    type: { enum: WORKFLOW_NODE_TYPES },
    label: labelSchema,
    approvers: approversSchema,
    mode: { enum: APPROVAL_MODES },
    threshold: { type: 'number', minimum: 1, maximum: 100 },
    due: { oneOf: [
      { type: 'string', pattern: '^P(?!$)(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?(T(?=\\d)(\\d+H)?(\\d+M)?(\\d+S)?)?$' },
      { type: 'number', exclusiveMinimum: 0 },
    ] },
    onTimeout: { oneOf: [
      oneKey('escalateTo', approversSchema),
      oneKey('decide', { enum: ['approve', 'reject'] }),
    ] },
    editableFields: { type: 'array', uniqueItems: true, items: nameSchema },
    actions: { type: 'array', minItems: 1, items: actionSchema },
  },
  allOf: [
    { if: { type: 'object', required: ['type'], properties: { type: { const: 'approval' } } },
      then: { required: ['approvers'], properties: { approvers: {} } } },
    { if: { type: 'object', required: ['type'], properties: { type: { const: 'action' } } },
      then: { required: ['actions'], properties: { actions: {} } } },
    { if: { type: 'object', required: ['mode'], properties: { mode: { const: 'percentage' } } },
      then: { required: ['threshold'], properties: { threshold: {} } } },
  ],
} as const;

const edgeSchema = {
  type: 'object',
  required: ['from', 'to'],
  additionalProperties: false,
  properties: {
    from: idSchema,
    to: idSchema,
    on: { enum: WORKFLOW_EDGE_OUTCOMES },
    when: {},
    label: labelSchema,
  },
} as const;

export const workflowSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  required: ['kind', 'name', 'label', 'object', 'trigger', 'nodes', 'edges'],
  additionalProperties: false,
  properties: {
    kind: { const: 'workflow' },
    name: nameSchema,
    label: labelSchema,
    description: descriptionSchema,
    object: nameSchema,
    trigger: { type: 'object', required: ['on'], additionalProperties: false, properties: {
      on: { const: 'submit' },
      when: {},
      message: labelSchema,
      comment: { type: 'object', required: ['required'], additionalProperties: false, properties: { required: { type: 'boolean' }, label: labelSchema } },
      internalOnly: { type: 'boolean' },
    } },
    nodes: { type: 'array', minItems: 2, items: nodeSchema },
    edges: { type: 'array', items: edgeSchema },
    active: { type: 'boolean' },
    taskTemplate: nameSchema,
    positions: { type: 'object', propertyNames: idSchema, additionalProperties: {
      type: 'object', required: ['x', 'y'], additionalProperties: false, properties: { x: { type: 'number' }, y: { type: 'number' } },
    } },
  },
} as const;
