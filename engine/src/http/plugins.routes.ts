import path from 'node:path';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Knex } from 'knex';
import semver from 'semver';
import { NAME_PATTERN } from '../../../metadata/src/names.ts';
import type { Label } from '../../../metadata/src/types.ts';
import { QudaoError } from '../errors/catalog.ts';
import type { PluginHost } from '../plugins/plugin-host.ts';
import type { PluginManager, PluginProgress, PluginResult, PluginRow } from '../plugins/plugin-manager.ts';
import { folderVersion } from '../plugins/plugin-package.ts';
import type { RecordService } from '../records/record-service.ts';
import { auditDeploy } from '../security/access-audit.ts';
import type { RightsChecker } from '../security/principal.ts';
import { lettersApi } from './plugin-letters-api.ts';
import { recordsApi } from './plugin-records-api.ts';
import { flag } from './query-params.ts';
import { auditSource, internalOnly, principalOf, requiresRight, writeContext } from './request-context.ts';
import { runAsRequestWork } from './work-context.ts';

interface PluginRouteDeps {
  manager: PluginManager;
  host: PluginHost;
  records: RecordService;
  pluginsDir: string;
  /** `registry.access`, read on every request. */
  access: () => RightsChecker;
  /** Where the progress of installs and upgrades is recorded (qd_work). */
  knex: Knex;
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

/** The version the plugin's folder in the plugins folder holds when it is newer than the installed one: what an upgrade brings. */
function availableVersion(pluginsDir: string, plugin: PluginRow): string | undefined {
  const version = folderVersion(path.join(pluginsDir, plugin.name));
  return version && semver.gt(version, plugin.version) ? version : undefined;
}

/** What a plugin change keeps as its work's outcome. */
const pluginOutcome = (verb: Label) => (result: PluginResult) => ({
  result: { plugin: result.plugin, steps: result.steps.length, ...(result.rows !== undefined ? { rows: result.rows } : {}) },
  message: {
    'zh-CN': `${verb['zh-CN']} ${result.plugin.name} ${result.plugin.version}：${result.steps.length} 步${result.rows !== undefined ? `，${result.rows} 条记录` : ''}`,
    en: `${verb.en} ${result.plugin.name} ${result.plugin.version}: ${plural(result.steps.length, 'step')}${result.rows !== undefined ? `, ${plural(result.rows, 'record')}` : ''}`,
  },
});

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

const pluginLabel = (verb: Label, name: string): Label => ({ 'zh-CN': `${verb['zh-CN']}插件 ${name}`, en: `${verb.en} plugin ${name}` });

interface PluginWork {
  dryRun: boolean;
  kind: 'plugin.install' | 'plugin.upgrade' | 'plugin.uninstall';
  verb: Label;
  plugin: string;
}

const INSTALL = { 'zh-CN': '安装', en: 'Install' };
const UPGRADE = { 'zh-CN': '升级', en: 'Upgrade' };
const UNINSTALL = { 'zh-CN': '卸载', en: 'Uninstall' };

export function registerPluginRoutes(app: FastifyInstance, deps: PluginRouteDeps): void {
  const { manager, host, records, pluginsDir } = deps;
  const pluginsRight = requiresRight(deps.access, 'plugins');
  /** A real change is the caller's work (`x-work-id`): steps, then rows; a dry run is not. */
  const asWork = (request: FastifyRequest, work: PluginWork, change: (progress?: PluginProgress) => Promise<PluginResult>) =>
    work.dryRun ? change() : runAsRequestWork(request, deps.knex, { kind: work.kind, label: pluginLabel(work.verb, work.plugin), outcome: pluginOutcome(work.verb) }, change);

  app.get('/api/plugins', internalOnly, async () => ({
    data: (await manager.list()).map((p) => {
      const available = availableVersion(pluginsDir, p);
      return {
        name: p.name,
        version: p.version,
        label: p.manifest.label,
        installedAt: p.installed_at,
        upgradedAt: p.upgraded_at,
        ...(available ? { availableVersion: available } : {}),
      };
    }),
  }));

  app.post<{ Body: { plugin?: unknown; dryRun?: boolean; demo?: boolean } }>('/api/plugins', pluginsRight, async (request) => {
    const body = request.body ?? {};
    const dir = pluginDir(pluginsDir, body.plugin);
    const inTransaction = auditDeploy(auditSource(request), 'plugin_install', { plugin: body.plugin, demo: body.demo === true });
    const dryRun = body.dryRun === true;
    return asWork(request, { dryRun, kind: 'plugin.install', verb: INSTALL, plugin: String(body.plugin) }, (progress) =>
      manager.install(dir, { dryRun, demo: body.demo === true, ctx: writeContext(request), inTransaction, progress }));
  });

  app.post<{ Params: NameParams; Body: { dryRun?: boolean } }>('/api/plugins/:name/upgrade', pluginsRight, async (request) => {
    const dir = pluginDir(pluginsDir, request.params.name);
    const inTransaction = auditDeploy(auditSource(request), 'plugin_upgrade', { plugin: request.params.name });
    const dryRun = request.body?.dryRun === true;
    return asWork(request, { dryRun, kind: 'plugin.upgrade', verb: UPGRADE, plugin: request.params.name }, (progress) =>
      manager.upgrade(dir, { dryRun, ctx: writeContext(request), inTransaction, progress }));
  });

  app.delete<{ Params: NameParams; Querystring: { dryRun?: string; purge?: string; confirm?: string } }>('/api/plugins/:name', pluginsRight, async (request) => {
    const { dryRun, purge, confirm } = request.query;
    const inTransaction = auditDeploy(auditSource(request), 'plugin_uninstall', { plugin: request.params.name, purge: flag(purge) });
    return asWork(request, { dryRun: flag(dryRun), kind: 'plugin.uninstall', verb: UNINSTALL, plugin: request.params.name }, (progress) =>
      manager.uninstall(request.params.name, { dryRun: flag(dryRun), purge: flag(purge), confirm, ctx: writeContext(request), inTransaction, progress }));
  });

  // A plugin's own routes: any authenticated user; the handler gets the principal and decides.
  app.all<{ Params: NameParams & { '*': string }; Querystring: Record<string, string | undefined> }>('/api/plugins/:name/*', async (request) => {
    const { route, params, db } = host.routeOrThrow(request.params.name, request.method, request.params['*']);
    const principal = principalOf(request);
    const ctx = writeContext(request);
    return route.handler({ params, query: request.query, body: request.body, actor: principal.userId, principal, records: recordsApi(records, ctx), letters: lettersApi({ knex: deps.knex, records }, ctx), db });
  });
}
