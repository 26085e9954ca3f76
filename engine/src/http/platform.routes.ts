import type { FastifyInstance } from 'fastify';
import type { Knex } from 'knex';
import { QudaoError } from '../errors/catalog.ts';
import type { PluginHost } from '../plugins/plugin-host.ts';
import type { Registry } from '../registry.ts';
import { buildOpenApi } from './openapi.ts';
import { RecordScope } from '../security/record-scope.ts';
import { internalOnly, principalOf } from './request-context.ts';

export const ENGINE_VERSION = '0.1.0';

export function registerPlatformRoutes(app: FastifyInstance, knex: Knex, registry: Registry, host: PluginHost): void {
  // Public: liveness and readiness. Everything under /api needs a login,
  // the OpenAPI description too: it lists objects and fields, which portal users may not see.
  const open = { config: { public: true } };

  app.get('/healthz', open, async () => ({ status: 'ok' }));

  app.get('/readyz', open, async () => {
    try {
      await knex.raw('SELECT 1');
    } catch {
      throw new QudaoError('NOT_READY', [], { 'zh-CN': '数据库不可用', en: 'The database is not reachable' });
    }
    return { status: 'ready' };
  });

  // The document describes what the caller may reach: its readable objects, with its readable fields.
  app.get('/api/openapi.json', internalOnly, async (request) => {
    const scope = new RecordScope(registry.access, principalOf(request), (name) => registry.object(name));
    const objects = registry.objectList().filter((o) => scope.can(o, 'read'));
    return buildOpenApi(
      objects.map((o) => ({ ...o.doc, fields: o.doc.fields.filter((f) => scope.canRead(o, f.name)) })),
      {
        version: ENGINE_VERSION,
        serverUrl: `${request.protocol}://${request.host}`,
        layouts: registry.layoutList().filter((l) => objects.some((o) => o.name === l.object)),
        actions: (object) => host.actions(object),
      },
    );
  });
}
