import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { NAME_PATTERN } from '../../../metadata/src/names.ts';
import { QudaoError } from '../errors/catalog.ts';
import type { PluginHost } from '../plugins/plugin-host.ts';
import type { PluginManager } from '../plugins/plugin-manager.ts';
import type { RecordService } from '../records/record-service.ts';
import { auditDeploy } from '../security/access-audit.ts';
import type { RightsChecker } from '../security/principal.ts';
import { recordsApi } from './plugin-records-api.ts';
import { flag } from './query-params.ts';
import { auditSource, internalOnly, principalOf, requiresRight, writeContext } from './request-context.ts';

interface PluginRouteDeps {
  manager: PluginManager;
  host: PluginHost;
  records: RecordService;
  pluginsDir: string;
  /** `registry.access`, read on every request. */
  access: () => RightsChecker;
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

export function registerPluginRoutes(app: FastifyInstance, deps: PluginRouteDeps): void {
  const { manager, host, records, pluginsDir } = deps;
  const pluginsRight = requiresRight(deps.access, 'plugins');

  app.get('/api/plugins', internalOnly, async () => ({
    data: (await manager.list()).map((p) => ({
      name: p.name,
      version: p.version,
      label: p.manifest.label,
      installedAt: p.installed_at,
      upgradedAt: p.upgraded_at,
    })),
  }));

  app.post<{ Body: { plugin?: unknown; dryRun?: boolean; demo?: boolean } }>('/api/plugins', pluginsRight, async (request) => {
    const body = request.body ?? {};
    const dir = pluginDir(pluginsDir, body.plugin);
    const inTransaction = auditDeploy(auditSource(request), 'plugin_install', { plugin: body.plugin, demo: body.demo === true });
    return manager.install(dir, { dryRun: body.dryRun === true, demo: body.demo === true, ctx: writeContext(request), inTransaction });
  });

  app.post<{ Params: NameParams; Body: { dryRun?: boolean } }>('/api/plugins/:name/upgrade', pluginsRight, async (request) => {
    const dir = pluginDir(pluginsDir, request.params.name);
    const inTransaction = auditDeploy(auditSource(request), 'plugin_upgrade', { plugin: request.params.name });
    return manager.upgrade(dir, { dryRun: request.body?.dryRun === true, ctx: writeContext(request), inTransaction });
  });

  app.delete<{ Params: NameParams; Querystring: { dryRun?: string; purge?: string; confirm?: string } }>('/api/plugins/:name', pluginsRight, async (request) => {
    const { dryRun, purge, confirm } = request.query;
    const inTransaction = auditDeploy(auditSource(request), 'plugin_uninstall', { plugin: request.params.name, purge: flag(purge) });
    return manager.uninstall(request.params.name, { dryRun: flag(dryRun), purge: flag(purge), confirm, ctx: writeContext(request), inTransaction });
  });

  // A plugin's own routes: any authenticated user; the handler gets the principal and decides.
  app.all<{ Params: NameParams & { '*': string }; Querystring: Record<string, string | undefined> }>('/api/plugins/:name/*', async (request) => {
    const { route, params } = host.routeOrThrow(request.params.name, request.method, request.params['*']);
    const principal = principalOf(request);
    const ctx = writeContext(request);
    return route.handler({ params, query: request.query, body: request.body, actor: principal.userId, principal, records: recordsApi(records, ctx) });
  });
}
