/** The OpenAPI 3.1 document served at `/api/openapi.json`, built from the effective metadata. */
import { DOC_KINDS, type LayoutDoc, type ObjectDoc } from '../../../metadata/src/types.ts';
import { NAME_PATTERN } from '../../../metadata/src/names.ts';
import { actionPaths, type ActionSpec } from './openapi-actions.ts';
import { attachmentPaths, filePaths, FILES_TAG } from './openapi-files.ts';
import { letterPaths, LETTERS_TAG } from './openapi-letters.ts';
import { uiPaths, uiRecordPaths, UI_TAG } from './openapi-ui.ts';
import { jsonBody, objectSchemas, ok, problem, typeName, ref, sharedSchemas, type JsonSchema } from './openapi-schemas.ts';

export interface OpenApiOptions {
  version: string;
  serverUrl?: string;
  /** Their list views become the values of each object's `view` parameter. */
  layouts?: readonly LayoutDoc[];
  /** Plugin actions by object. */
  actions?: (object: string) => readonly ActionSpec[];
}

/** Capitalized, so no object (snake_case) can take their names. */
const PLATFORM_TAGS = [
  { name: 'Health', description: 'Liveness and readiness' },
  { name: 'Metadata', description: 'Metadata documents and deploys (元数据)' },
  { name: 'Plugins', description: 'Plugin packs: install, upgrade, uninstall (插件)' },
  FILES_TAG,
  LETTERS_TAG,
  UI_TAG,
];

export function buildOpenApi(objects: readonly ObjectDoc[], options: OpenApiOptions): Record<string, unknown> {
  const sorted = [...objects].sort((a, b) => a.name.localeCompare(b.name));
  return {
    openapi: '3.1.0',
    info: { title: 'Qudao API', version: options.version },
    ...(options.serverUrl ? { servers: [{ url: options.serverUrl }] } : {}),
    tags: [...sorted.map(objectTag), ...PLATFORM_TAGS],
    paths: Object.assign(platformPaths(), filePaths(), letterPaths(), uiPaths(), ...sorted.map((object) => recordPaths(object, options.layouts ?? [], options.actions?.(object.name) ?? []))),
    // Every /api route needs one of these (README "Security"); the health routes need none.
    security: [{ apiToken: [] }, { session: [] }],
    components: {
      schemas: Object.assign(sharedSchemas(), ...sorted.map(objectSchemas)),
      parameters: parameters(),
      securitySchemes: {
        apiToken: { type: 'http', scheme: 'bearer', description: 'An API token (qd_…) from POST /api/auth/tokens' },
        session: { type: 'apiKey', in: 'cookie', name: 'qd_session', description: 'The session cookie of POST /api/auth/login; state-changing requests also send x-csrf-token' },
      },
    },
  };
}

function objectTag(object: ObjectDoc): JsonSchema {
  return {
    name: object.name,
    description: object.description?.en ?? `${object.label.en} (${object.label['zh-CN']})`,
    'x-displayName': object.label.en,
    'x-label-zh-CN': object.label['zh-CN'],
  };
}

function recordPaths(object: ObjectDoc, layouts: readonly LayoutDoc[], actions: readonly ActionSpec[]): Record<string, JsonSchema> {
  const base = `/api/records/${object.name}`;
  const ops = recordOperations(object, layouts);
  const id = paramRefs('id');
  return {
    [base]: { get: ops.list, post: ops.create },
    [`${base}/{id}`]: { parameters: id, get: ops.get, patch: ops.update, delete: ops.delete },
    [`${base}/{id}/restore`]: { parameters: id, post: ops.restore },
    [`${base}/{id}/history`]: { parameters: id, get: ops.history },
    ...attachmentPaths(object.name, object.label.en),
    ...uiRecordPaths(object.name, object.label.en),
    ...actionPaths(object.name, object.label.en, actions, id),
  };
}

/** The seven record operations of an object, keyed by the verb that starts their operationId. */
function recordOperations(object: ObjectDoc, layouts: readonly LayoutDoc[]): Record<string, JsonSchema> {
  const name = typeName(object.name);
  const label = object.label.en;
  const record = (description: string) => ok(description, ref(name));
  const notFound = problem(`No ${label} with this id`);
  const invalid = problem('The record is not valid');
  const operations: Record<string, JsonSchema> = {
    list: {
      summary: `List ${label} records`,
      parameters: [...paramRefs('filter'), viewParam(object, layouts), ...paramRefs('sort', 'limit', 'cursor', 'fields', 'expand', 'count', 'deleted')],
      responses: { '200': ok('One page of records', ref(`${name}Page`)), '400': problem('The query is not valid') },
    },
    create: {
      summary: `Create a ${label}`,
      requestBody: jsonBody(ref(`${name}Input`)),
      responses: { '201': record('The created record'), '422': invalid },
    },
    get: {
      summary: `Get a ${label}`,
      parameters: paramRefs('fields', 'expand', 'asOf'),
      responses: { '200': record('The record'), '404': notFound },
    },
    update: {
      summary: `Update a ${label}`,
      parameters: paramRefs('ifMatch'),
      requestBody: jsonBody(ref(`${name}Patch`)),
      responses: {
        '200': record('The updated record'), '404': notFound, '422': invalid,
        '409': problem('The record was changed by someone else since it was read'),
      },
    },
    delete: {
      summary: `Delete a ${label} (to the recycle bin)`,
      responses: { '200': record('The deleted record, with `deleted_at` set'), '404': notFound },
    },
    restore: { summary: `Restore a deleted ${label}`, responses: { '200': record('The restored record'), '404': notFound } },
    history: {
      summary: `The change history of a ${label}`,
      responses: { '200': ok('Every change, oldest first', dataOf(ref('HistoryEntry'))), '404': notFound },
    },
  };
  return Object.fromEntries(Object.entries(operations).map(([verb, operation]) =>
    [verb, { operationId: `${verb}${name}`, tags: [object.name], ...operation }]));
}

/** The object's list views by name; without any, the shared parameter, which accepts the views deployed later. */
function viewParam(object: ObjectDoc, layouts: readonly LayoutDoc[]): JsonSchema {
  const views = layouts.filter((l) => l.object === object.name).flatMap((l) => (l.listViews ?? []).map((v) => `${l.name}.${v.name}`));
  if (!views.length) return paramRefs('view')[0];
  return { ...VIEW_PARAM, schema: { type: 'string', enum: views } };
}

const VIEW_NAME = NAME_PATTERN.source.slice(1, -1);
const VIEW_PARAM = {
  name: 'view',
  in: 'query',
  description: 'A list view, `<layout>.<list view>`: its filter AND `filter`, its sort, columns (as `fields`) and page size unless given',
};

function platformPaths(): Record<string, JsonSchema> {
  const op = (operationId: string, summary: string, tag: string, rest: JsonSchema) =>
    ({ operationId, summary, tags: [tag], ...rest });
  const status = { type: 'object', required: ['status'], properties: { status: { type: 'string' } } };
  const document = ok('The document', ref('MetadataDocument'));
  return {
    '/healthz': { get: op('health', 'Liveness', 'Health', { security: [], responses: { '200': ok('The process is up', status) } }) },
    '/readyz': {
      get: op('ready', 'Readiness', 'Health', {
        security: [],
        responses: { '200': ok('Ready to serve', status), '503': problem('A dependency is not ready') },
      }),
    },
    '/api/meta/{kind}': {
      parameters: paramRefs('kind'),
      get: op('listMetadata', 'List the effective documents of a kind, with where each comes from', 'Metadata', {
        responses: { '200': ok('The documents, and by name the layers that hold each and the plugin that ships it', documentsWithOrigins), '400': problem('Unknown kind') },
      }),
    },
    '/api/meta/{kind}/{name}': {
      parameters: paramRefs('kind', 'name'),
      get: op('getMetadata', 'Get a document', 'Metadata', {
        responses: { '200': document, '404': problem('No such document') },
      }),
      put: op('putMetadata', 'Create or replace a document', 'Metadata', {
        requestBody: jsonBody(ref('MetadataDocument')),
        responses: { '200': ok('The plan, and whether it was applied', ref('DeployResult')), '422': problem('The document is not valid') },
      }),
      delete: op('deleteMetadata', 'Delete a document', 'Metadata', {
        responses: { '200': ok('The plan, and whether it was applied', ref('DeployResult')), '404': problem('No such document') },
      }),
    },
    '/api/meta/{kind}/{name}/history': {
      parameters: paramRefs('kind', 'name'),
      get: op('metadataHistory', 'Every stored version of a document, per layer, newest first', 'Metadata', {
        responses: { '200': ok('The versions', dataOf({ type: 'object' })), '404': problem('No such document') },
      }),
    },
    '/api/meta/{kind}/{name}/rollback': {
      parameters: paramRefs('kind', 'name'),
      post: op('rollbackMetadata', "Deploy the custom layer's document as it was at a version (0: remove the customization)", 'Metadata', {
        requestBody: jsonBody({
          type: 'object', required: ['version'],
          properties: { version: { type: 'integer', minimum: 0 }, dryRun: { type: 'boolean' }, force: { type: 'boolean' } },
        }),
        responses: {
          '200': ok('The plan, and whether it was applied', ref('DeployResult')),
          '404': problem('No such version'),
          '422': problem('That version no longer fits the other documents'),
        },
      }),
    },
    '/api/meta/object/{name}/fields/{field}/usages': {
      parameters: [...paramRefs('name'), { name: 'field', in: 'path', required: true, schema: { type: 'string', pattern: NAME_PATTERN.source } }],
      get: op('fieldUsages', 'Where a field is named: expressions, indexes, rollups, rules, layouts, permission sets, sharing rules, templates, workflows, automations', 'Metadata', {
        responses: {
          '200': ok('Each use: the document kind and name, and a JSON pointer to the place', dataOf({
            type: 'object', required: ['kind', 'name', 'where'],
            properties: { kind: { type: 'string', enum: [...DOC_KINDS] }, name: { type: 'string' }, where: { type: 'string' } },
          })),
          '404': problem('No such object or field'),
        },
      }),
    },
    '/api/rules/try': {
      post: op('tryRule', 'Check a validation rule as a deploy would, then run it on a stored record (recordId) or on values typed in', 'Metadata', {
        requestBody: jsonBody({ type: 'object', required: ['rule'], properties: { rule: ref('MetadataDocument'), recordId: { type: 'string' }, values: { type: 'object' } } }),
        responses: {
          '200': ok('Whether a save would be blocked, and the error it would get', {
            type: 'object', required: ['blocks', 'error'], properties: { blocks: { type: 'boolean' }, error: { type: ['object', 'null'] } },
          }),
          '422': problem('The rule is not valid'),
        },
      }),
    },
    '/api/rules/preview': {
      post: op('previewRule', 'How many existing records a validation rule would block at their next save', 'Metadata', {
        requestBody: jsonBody({ type: 'object', required: ['rule'], properties: { rule: ref('MetadataDocument') } }),
        responses: {
          '200': ok('Records read and blocked, the first blocked ids, and whether the read stopped at its limit', {
            type: 'object', required: ['checked', 'blocked', 'sample', 'truncated'],
            properties: { checked: { type: 'integer' }, blocked: { type: 'integer' }, sample: { type: 'array', items: { type: 'string' } }, truncated: { type: 'boolean' } },
          }),
          '422': problem('The rule is not valid'),
        },
      }),
    },
    '/api/meta/deploy': {
      post: op('deployMetadata', 'Validate, plan and apply documents (or only plan, with dryRun)', 'Metadata', {
        requestBody: jsonBody(ref('DeployRequest')),
        responses: {
          '200': ok('The plan, and whether it was applied', ref('DeployResult')),
          '422': problem('The documents are not valid, or the change may lose data without force'),
        },
      }),
    },
    ...pluginPaths(op),
  };
}

/** Plugin lifecycle: each change is a deploy of the plugin's base layer, answered with its plan. */
function pluginPaths(op: (operationId: string, summary: string, tag: string, rest: JsonSchema) => JsonSchema): Record<string, JsonSchema> {
  const plan = ok('The plan, and whether it was applied', ref('DeployResult'));
  const flag = { type: 'boolean' };
  const installBody = { type: 'object', required: ['plugin'], properties: { plugin: { type: 'string' }, dryRun: flag, demo: flag } };
  const bad = problem('The plugin package is not valid, conflicts with customizations, or is in the wrong state');
  return {
    '/api/plugins': {
      get: op('listPlugins', 'The installed plugins with their versions, and the newer version their folder holds (availableVersion)', 'Plugins', {
        responses: { '200': ok('The plugins', dataOf({ type: 'object' })) },
      }),
      post: op('installPlugin', 'Install a plugin of the plugins folder (or only plan it, with dryRun)', 'Plugins', {
        requestBody: jsonBody(installBody),
        responses: { '200': plan, '409': bad, '422': bad },
      }),
    },
    '/api/plugins/{name}/upgrade': {
      parameters: paramRefs('name'),
      post: op('upgradePlugin', 'Replace the plugin\'s base layer with the newer version in its folder, keeping customizations', 'Plugins', {
        requestBody: jsonBody({ type: 'object', properties: { dryRun: flag } }),
        responses: { '200': plan, '404': problem('The plugin is not installed'), '409': bad, '422': bad },
      }),
    },
    '/api/plugins/{name}': {
      parameters: paramRefs('name'),
      delete: op('uninstallPlugin', 'Uninstall a plugin; its tables and data stay unless purge=true&confirm=<name>', 'Plugins', {
        responses: { '200': plan, '404': problem('The plugin is not installed'), '409': bad },
      }),
    },
  };
}

function parameters(): Record<string, JsonSchema> {
  const query = (name: string, schema: JsonSchema, description: string) => ({ name, in: 'query', description, schema });
  const path = (name: string, schema: JsonSchema) => ({ name, in: 'path', required: true, schema });
  return {
    id: path('id', { type: 'string', format: 'uuid' }),
    fileId: path('fileId', { type: 'string', format: 'uuid' }),
    kind: path('kind', { type: 'string', enum: [...DOC_KINDS] }),
    name: path('name', { type: 'string', pattern: NAME_PATTERN.source }),
    filter: query('filter', { type: 'string' }, 'A JsonLogic expression, as JSON; parts that read no field (`{"date_add": [{"today": []}, 30, "days"]}`, today being the date in China) are evaluated first and bound as values'),
    view: { ...VIEW_PARAM, schema: { type: 'string', pattern: `^${VIEW_NAME}\\.${VIEW_NAME}$` } },
    sort: { ...query('sort', { type: 'string' }, 'Comma-separated fields, `-` for descending'), example: '-created_at,name' },
    limit: query('limit', { type: 'integer', minimum: 1, maximum: 500, default: 50 }, 'Records per page'),
    cursor: query('cursor', { type: 'string' }, 'The `nextCursor` of the previous page'),
    fields: query('fields', { type: 'string' }, 'Comma-separated fields to return'),
    expand: query('expand', { type: 'string' }, 'Comma-separated lookup fields to expand into their records'),
    count: query('count', { type: 'boolean', default: false }, 'Also return `total`'),
    deleted: query('deleted', { type: 'boolean', default: false }, 'List the recycle bin instead'),
    asOf: query('asOf', { type: 'string', format: 'date-time' }, 'The record as it was at this time'),
    ifMatch: {
      name: 'If-Match', in: 'header', required: false, schema: { type: 'string' },
      description: 'The version last read; a stale one answers 409',
    },
  };
}

function paramRefs(...names: string[]): JsonSchema[] {
  return names.map((name) => ({ $ref: `#/components/parameters/${name}` }));
}

const documentsWithOrigins: JsonSchema = {
  type: 'object',
  required: ['data', 'origins'],
  properties: {
    data: { type: 'array', items: ref('MetadataDocument') },
    origins: {
      type: 'object',
      additionalProperties: {
        type: 'object', required: ['layers'],
        properties: { layers: { type: 'array', items: { type: 'string', enum: ['base', 'custom'] } }, plugin: { type: 'string' } },
      },
    },
  },
};

function dataOf(items: JsonSchema): JsonSchema {
  return { type: 'object', required: ['data'], properties: { data: { type: 'array', items } } };
}
