import { PassThrough } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Knex } from 'knex';
import type { Locale } from '../../../metadata/src/types.ts';
import type { UiProblem } from '../../../metadata/src/ui-contract.ts';
import { QudaoError, type FieldError } from '../errors/catalog.ts';
import type { PluginHost } from '../plugins/plugin-host.ts';
import type { PluginDocuments } from '../ui/ui-app.ts';
import type { RecordService } from '../records/record-service.ts';
import type { Registry } from '../registry.ts';
import { regionTreeBody } from '../ui/region-tree.ts';
import { parseSearchQuery, searchRecords } from '../ui/record-search.ts';
import { buildUiApp } from '../ui/ui-app.ts';
import { uiCounts } from '../ui/ui-counts.ts';
import { uiObjectOrThrow } from '../ui/ui-object.ts';
import { uiPages } from '../ui/ui-pages.ts';
import { exportDisposition, prepareExport, writeExport } from '../ui/xlsx-export.ts';
import { pickLocale } from './locale.ts';
import { parseListQuery } from './query-params.ts';
import { authenticationOf, writeContext } from './request-context.ts';

export interface UiRouteDeps {
  knex: Knex;
  registry: Registry;
  records: RecordService;
  host: PluginHost;
  /** The installed plugins and their documents, in install order (the navigation's order). */
  plugins: () => Promise<readonly PluginDocuments[]>;
}

type Params = { object: string };
type Query = Record<string, string | undefined>;

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const REGIONS_MAX_AGE = 7 * 86_400;

const localeOf = (request: FastifyRequest): Locale => pickLocale(request.headers['accept-language']);

/** What the web apps read to render themselves (metadata/src/ui-contract.ts), form checks, search and export. */
export function registerUiRoutes(app: FastifyInstance, deps: UiRouteDeps): void {
  const { registry, records } = deps;

  app.get('/api/ui/app', async (request) => {
    const auth = authenticationOf(request);
    const [plugins, counts] = await Promise.all([deps.plugins(), uiCounts(deps.knex, registry, auth.principal)]);
    return buildUiApp({ auth, scope: records.scope(auth), registry, plugins, counts, pages: uiPages(deps.host.pages(), registry, auth.principal) });
  });

  app.get<{ Params: Params }>('/api/ui/objects/:object', async (request) =>
    uiObjectOrThrow(deps, records.scope(writeContext(request)), request.params.object, localeOf(request)));

  app.get('/api/ui/regions', async (request, reply) => {
    const { body, etag } = regionTreeBody();
    reply.header('cache-control', `private, max-age=${REGIONS_MAX_AGE}`).header('etag', etag);
    if (request.headers['if-none-match'] === etag) return reply.status(304).send();
    return reply.type('application/json; charset=utf-8').send(body);
  });

  app.post<{ Params: Params }>('/api/records/:object/validate', async (request) => {
    const { values, id } = validateBody(request.body);
    const errors = await records.validate(request.params.object, values, id, writeContext(request));
    return { problems: inLocale(errors, localeOf(request)) };
  });

  app.get<{ Querystring: Query }>('/api/search', async (request) => ({
    data: await searchRecords(records, registry, writeContext(request), parseSearchQuery(request.query)),
  }));

  app.get<{ Params: Params; Querystring: Query }>('/api/records/:object/export.xlsx', async (request, reply) => {
    const locale = localeOf(request);
    const prepared = await prepareExport(records, registry, writeContext(request), request.params.object, parseListQuery(request.query), locale);
    const out = new PassThrough();
    writeExport(prepared, out, locale).catch((error: unknown) => {
      request.log.error({ err: error }, 'xlsx export failed after its first byte');
      out.destroy(error as Error);
    });
    return reply
      .type(XLSX)
      .header('content-disposition', exportDisposition(prepared.object, locale))
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'no-store')
      .send(out);
  });
}

const badBody = (field: string, zh: string, en: string) => new QudaoError('BAD_REQUEST', [{ field, rule: 'format', message: { 'zh-CN': zh, en } }]);

/** `{ values: {...}, id?: string }`; an id that names no record is answered 404 by the check, as by the write. */
function validateBody(body: unknown): { values: Record<string, unknown>; id: string | undefined } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw badBody('', '请求体须为 JSON 对象', 'The body must be a JSON object');
  const { values, id } = body as Record<string, unknown>;
  if (typeof values !== 'object' || values === null || Array.isArray(values)) {
    throw badBody('values', 'values 须为字段值的对象', 'values must be an object of field values');
  }
  if (id !== undefined && id !== null && (typeof id !== 'string' || id.length > 64)) throw badBody('id', 'id 须为记录 id', 'id must be a record id');
  return { values: values as Record<string, unknown>, id: typeof id === 'string' ? id : undefined };
}

function inLocale(errors: readonly FieldError[], locale: Locale): UiProblem[] {
  return errors.map((e) => ({ field: e.field, rule: e.rule, message: e.message[locale] }));
}
