/** An object's plugin actions in the OpenAPI document: each a POST taking its input and answering an ActionAnswer. */
import type { FieldDef, Label } from '../../../metadata/src/types.ts';
import { fieldsInputSchema, jsonBody, ok, problem, typeName, type JsonSchema } from './openapi-schemas.ts';

export interface ActionSpec {
  name: string;
  label: Label;
  input?: FieldDef[];
  confirm?: Label;
}

const text = { oneOf: [{ type: 'string' }, { type: 'object', required: ['zh-CN', 'en'], properties: { 'zh-CN': { type: 'string' }, en: { type: 'string' } } }] };
const answer: JsonSchema = {
  type: 'object',
  description: 'What the action answers for a person (ActionAnswer in engine/src/plugin-api.ts); an action may answer other JSON too',
  properties: {
    message: text,
    items: { type: 'array', items: { type: 'object', required: ['title'], properties: { title: text, description: text } } },
    data: { description: 'Anything else, for API clients' },
  },
};

/** `id`: the path parameter's reference, as the object's other record paths use it. */
export function actionPaths(objectName: string, label: string, actions: readonly ActionSpec[], id: JsonSchema[]): Record<string, JsonSchema> {
  return Object.fromEntries(actions.map((action) => [`/api/records/${objectName}/{id}/actions/${action.name}`, {
    parameters: id,
    post: {
      operationId: `${action.name.replace(/_(.)/g, (_, c: string) => c.toUpperCase())}${typeName(objectName)}`,
      tags: [objectName],
      summary: `${action.label.en} (${action.label['zh-CN']}): an action on a ${label}`,
      ...(action.confirm ? { description: `Asks first: ${action.confirm.en}` } : {}),
      ...(action.input ? { requestBody: jsonBody(fieldsInputSchema(action.input)) } : {}),
      responses: {
        '200': ok('Its answer', answer),
        '403': problem('The user may not run it on this record'),
        '404': problem(`No ${label} with this id`),
        '422': problem('Its input is not valid (ACTION_INVALID, naming each field), or it is not offered for the record as it is (ACTION_NOT_OFFERED)'),
      },
    },
  }]));
}
