/** The web app's routes (ui.routes.ts) in the OpenAPI document: the shell, an object's UI metadata, regions, search, and each object's validate and export. */
import { ok, problem, typeName, type JsonSchema } from './openapi-schemas.ts';

export const UI_TAG = { name: 'UI', description: 'What the web apps render from: the shell, objects as the user sees them, regions, search (界面)' };

const label = { type: 'object', required: ['zh-CN', 'en'], properties: { 'zh-CN': { type: 'string' }, en: { type: 'string' } } };
const problemItem = {
  type: 'object',
  required: ['field', 'rule', 'message'],
  properties: { field: { type: 'string' }, rule: { type: 'string' }, message: { type: 'string', description: 'In the language of Accept-Language' } },
};
const searchHit = {
  type: 'object',
  required: ['object', 'id', 'title'],
  properties: { object: { type: 'string' }, id: { type: 'string', format: 'uuid' }, title: { type: 'string' } },
};
const division: JsonSchema = {
  type: 'object',
  required: ['code', 'name'],
  properties: { code: { type: 'string', pattern: '^\\d{2,9}$' }, name: { type: 'string' }, children: { type: 'array', items: { type: 'object' } } },
};
const described = (description: string) => ({ type: 'object', description });
const op = (operationId: string, summary: string, rest: JsonSchema) => ({ operationId, summary, tags: ['UI'], ...rest });

export function uiPaths(): Record<string, JsonSchema> {
  return {
    '/api/ui/app': {
      get: op('uiApp', 'The signed-in user, its admin rights, navigation, badge counts and portal home lists', {
        responses: { '200': ok('The shell (UiApp in metadata/src/ui-contract.ts)', described('UiApp')) },
      }),
    },
    '/api/ui/objects/{object}': {
      parameters: [{ name: 'object', in: 'path', required: true, schema: { type: 'string' } }],
      get: op('uiObject', 'An object as the user may see it: fields, sections, list views, related lists, actions, rules, form schema', {
        responses: {
          '200': ok('UiObject in metadata/src/ui-contract.ts; labels per locale, the form schema in the language of Accept-Language', described('UiObject')),
          '404': problem('No such object, or the user may not read it'),
        },
      }),
    },
    '/api/ui/regions': {
      get: op('uiRegions', 'The GB/T 2260 province / city / district tree (two-, four- and six-digit codes; cached)', {
        responses: {
          '200': ok('The tree, provinces first', { type: 'array', items: division }),
          '304': { description: 'Unchanged (If-None-Match)' },
        },
      }),
    },
    '/api/search': {
      get: op('search', 'Records whose title contains the text, at most 5 per object, within the user\'s reach', {
        parameters: [
          { name: 'q', in: 'query', required: true, schema: { type: 'string', minLength: 1, maxLength: 100 } },
          { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 }, description: 'Hits in all' },
        ],
        responses: { '200': ok('The hits, titles starting with the text first', dataOf(searchHit)), '400': problem('q or limit is not valid') },
      }),
    },
  };
}

/** An object's form check and export, under its own tag. */
export function uiRecordPaths(objectName: string, label: string): Record<string, JsonSchema> {
  const name = typeName(objectName);
  const base = `/api/records/${objectName}`;
  const q = (param: string) => ({ $ref: `#/components/parameters/${param}` });
  return {
    [`${base}/validate`]: {
      post: {
        operationId: `validate${name}`, tags: [objectName],
        summary: `The problems a create (or, with id, an update) of a ${label} would be refused with; writes nothing`,
        requestBody: {
          required: true,
          content: { 'application/json': { schema: { type: 'object', required: ['values'], properties: { values: { type: 'object' }, id: { type: 'string', format: 'uuid' } } } } },
        },
        responses: {
          '200': ok('Empty when the write would pass', { type: 'object', required: ['problems'], properties: { problems: { type: 'array', items: problemItem } } }),
          '400': problem('The body is not { values, id? }'),
          '403': problem('The user may not make this write'),
          '404': problem(`No ${label} with this id`),
        },
      },
    },
    [`${base}/export.xlsx`]: {
      get: {
        operationId: `export${name}`, tags: [objectName],
        summary: `The ${label} records the list shows, as an Excel workbook (at most 50,000 rows)`,
        parameters: [q('filter'), q('view'), q('sort'), q('fields'), q('deleted')],
        responses: {
          '200': { description: 'The workbook (application/vnd.openxmlformats-officedocument.spreadsheetml.sheet, Content-Disposition with the object label and date); headers are field labels in the language of Accept-Language' },
          '400': problem('The query is not valid'),
        },
      },
    },
  };
}

function dataOf(items: JsonSchema): JsonSchema {
  return { type: 'object', required: ['data'], properties: { data: { type: 'array', items } } };
}
