import type { FastifyInstance } from 'fastify';
import type { Knex } from 'knex';
import { QudaoError } from '../errors/catalog.ts';
import type { Registry } from '../registry.ts';
import { buildOpenApi } from './openapi.ts';

export const ENGINE_VERSION = '0.1.0';

export function registerPlatformRoutes(app: FastifyInstance, knex: Knex, registry: Registry): void {
  // Until the web apps are served here, the root tells a newcomer where to go.
  app.get('/', async () => ({
    name: 'Qudao',
    version: ENGINE_VERSION,
    links: { openapi: '/api/openapi.json', objects: '/api/meta/object', health: '/healthz', ready: '/readyz' },
  }));

  app.get('/healthz', async () => ({ status: 'ok' }));

  app.get('/readyz', async () => {
    try {
      await knex.raw('SELECT 1');
    } catch {
      throw new QudaoError('NOT_READY', [], { 'zh-CN': '数据库不可用', en: 'The database is not reachable' });
    }
    return { status: 'ready' };
  });

  app.get('/api/openapi.json', async (request) =>
    buildOpenApi(
      registry.objectList().map((o) => o.doc),
      { version: ENGINE_VERSION, serverUrl: `${request.protocol}://${request.host}`, layouts: registry.layoutList() },
    ),
  );
}
