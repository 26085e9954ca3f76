import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { NAME_PATTERN } from '../../../metadata/src/names.ts';
import { QudaoError } from '../errors/catalog.ts';
import type { PluginHost } from '../plugins/plugin-host.ts';
import type { PluginManager } from '../plugins/plugin-manager.ts';
import type { RecordService } from '../records/record-service.ts';
import { recordsApi } from './plugin-records-api.ts';
import { flag } from './query-params.ts';
import { writeContext } from './request-context.ts';

interface PluginRouteDeps {
  manager: PluginManager;
  host: PluginHost;
  records: RecordService;
  pluginsDir: string;
}

type NameParams = { name: string };

/** Plugin names come from the request: only a plain name, resolved inside the plugins folder, ever reaches the disk. */
function pluginDir(pluginsDir: string, name: unknown): string {
  if (typeof name !== 'string' || !NAME_PATTERN.test(name)) {
    throw new QudaoError('BAD_REQUEST', [
      { field: 'plugin', rule: 'format', message: { 'zh-CN': '插件名格式不正确', en: 'The plugin name is not valid' } },
    ]);
  }
  return path.join(pluginsDir, name);
}

export function registerPluginRoutes(app: FastifyInstance, deps: PluginRouteDeps, actor: () => string | null): void {
  const { manager, host, records, pluginsDir } = deps;

  app.get('/api/plugins', async () => ({
    data: (await manager.list()).map((p) => ({
      name: p.name,
      version: p.version,
      label: p.manifest.label,
      installedAt: p.installed_at,
      upgradedAt: p.upgraded_at,
    })),
  }));

  app.post<{ Body: { plugin?: unknown; dryRun?: boolean; demo?: boolean } }>('/api/plugins', async (request) => {
    const body = request.body ?? {};
    const ctx = writeContext(request, actor());
    return manager.install(pluginDir(pluginsDir, body.plugin), { dryRun: body.dryRun === true, demo: body.demo === true, ctx });
  });

  app.post<{ Params: NameParams; Body: { dryRun?: boolean } }>('/api/plugins/:name/upgrade', async (request) => {
    const ctx = writeContext(request, actor());
    return manager.upgrade(pluginDir(pluginsDir, request.params.name), { dryRun: request.body?.dryRun === true, ctx });
  });

  app.delete<{ Params: NameParams; Querystring: { dryRun?: string; purge?: string; confirm?: string } }>('/api/plugins/:name', async (request) => {
    const { dryRun, purge, confirm } = request.query;
    const ctx = writeContext(request, actor());
    return manager.uninstall(request.params.name, { dryRun: flag(dryRun), purge: flag(purge), confirm, ctx });
  });

  app.all<{ Params: NameParams & { '*': string }; Querystring: Record<string, string | undefined> }>('/api/plugins/:name/*', async (request) => {
    const { route, params } = host.routeOrThrow(request.params.name, request.method, request.params['*']);
    const acting = actor();
    return route.handler({ params, query: request.query, body: request.body, actor: acting, records: recordsApi(records, writeContext(request, acting)) });
  });
}
