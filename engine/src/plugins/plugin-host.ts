import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { registerOperatorOrThrow, unregisterOperatorsExcept } from '../../../metadata/src/jsonlogic.ts';
import type { Knex } from 'knex';
import { QudaoError } from '../errors/catalog.ts';
import type { ActionContext, ActionDefinition, AfterCommitEvent, BeforeWriteEvent, DataItem, PluginAction, PluginDefinition, PluginPage, PluginRoute } from '../plugin-api.ts';
import type { Registry } from '../registry.ts';
import { pluginDb } from './plugin-db.ts';
import type { PluginDb } from './plugin-sql.ts';

export interface InstalledPlugin {
  name: string;
  version: string;
  /** The plugin folder. */
  path: string;
  hooks?: string;
  /** The objects the plugin ships: the only tables its SQL may read. */
  objects?: readonly string[];
}

interface LoadedPlugin extends InstalledPlugin {
  definition: PluginDefinition;
}

/** A plugin action as the engine runs it: its declaration (a bare function reads as one labelled with its name). */
export interface HostedAction extends Omit<ActionDefinition, 'run'> {
  name: string;
  /** Runs with the plugin's read-only SQL on `knex`: the action's transaction. */
  run(context: Omit<ActionContext, 'db'>, knex: Knex): Promise<unknown>;
}

/** The code side of the installed plugins: their hooks, actions, routes and operators, in install order. */
export class PluginHost {
  private loaded: LoadedPlugin[] = [];

  constructor(private readonly database: { knex: Knex; registry: Registry }) {}

  /** A plugin's read-only SQL over its own objects, on `knex` (the caller's transaction, if any). */
  private db(plugin: LoadedPlugin, knex: Knex = this.database.knex): PluginDb {
    return pluginDb(knex, this.database.registry, new Set(plugin.objects ?? []));
  }

  /** Loads what is installed and not loaded yet (or loaded at another version); forgets what was uninstalled. */
  async sync(installed: readonly InstalledPlugin[]): Promise<void> {
    unregisterOperatorsExcept(new Set(installed.map((p) => p.name)));
    const next: LoadedPlugin[] = [];
    for (const plugin of installed) {
      const current = this.loaded.find((p) => p.name === plugin.name && p.version === plugin.version);
      next.push(current ?? { ...plugin, definition: await loadDefinitionOrThrow(plugin) });
    }
    this.loaded = next;
  }

  /** `knex` is the write's connection or transaction: the hooks' reads see what it sees. */
  async beforeWrite(event: Omit<BeforeWriteEvent, 'db'>, knex: Knex): Promise<void> {
    for (const plugin of this.loaded) {
      const hook = plugin.definition.beforeWrite?.[event.object];
      if (hook) await hook(Object.assign(event, { db: this.db(plugin, knex) }));
    }
  }

  async afterCommit(event: AfterCommitEvent): Promise<void> {
    for (const plugin of this.loaded) await plugin.definition.afterCommit?.[event.object]?.(event);
  }

  /** The actions plugins register for an object, in plugin order (the first registrant of a name wins). */
  actions(object: string): HostedAction[] {
    const byName = new Map<string, HostedAction>();
    for (const plugin of this.loaded) {
      for (const [name, action] of Object.entries(plugin.definition.actions?.[object] ?? {})) {
        if (!byName.has(name)) byName.set(name, this.hosted(plugin, name, action));
      }
    }
    return [...byName.values()];
  }

  actionOrThrow(object: string, name: string): HostedAction {
    const action = this.actions(object).find((a) => a.name === name);
    if (action) return action;
    throw new QudaoError('ACTION_NOT_FOUND', [], { 'zh-CN': `${object} 没有操作 ${name}`, en: `${object} has no action ${name}` });
  }

  private hosted(plugin: LoadedPlugin, name: string, action: PluginAction): HostedAction {
    const { run, ...declared }: ActionDefinition = typeof action === 'function' ? { label: { 'zh-CN': name, en: name }, run: action } : action;
    return { ...declared, name, run: async (context, knex) => run({ ...context, db: this.db(plugin, knex) }) };
  }

  /** The pages plugins declare on their GET routes, in plugin order. */
  pages(): { plugin: string; path: string; page: PluginPage }[] {
    return this.loaded.flatMap((plugin) => (plugin.definition.routes ?? [])
      .flatMap((route) => (route.method === 'GET' && route.page ? [{ plugin: plugin.name, path: route.path, page: route.page }] : [])));
  }

  /** The route of a plugin matching `method` and the path below `/api/plugins/<name>/`, with its parameters. */
  routeOrThrow(pluginName: string, method: string, subPath: string): { route: PluginRoute; params: Record<string, string>; db: PluginDb } {
    const plugin = this.loaded.find((p) => p.name === pluginName);
    for (const route of plugin?.definition.routes ?? []) {
      const params = route.method === method ? matchPath(route.path, subPath) : undefined;
      if (params) return { route, params, db: this.db(plugin!) };
    }
    throw new QudaoError('ROUTE_NOT_FOUND', [], { 'zh-CN': `没有 ${method} /api/plugins/${pluginName}/${subPath}`, en: `No route ${method} /api/plugins/${pluginName}/${subPath}` });
  }
}

/**
 * Imports a plugin's hooks module and registers its operators. Modules are cached for the life of the process,
 * so a plugin's new code takes effect at the next start (its metadata at once).
 */
export async function loadDefinitionOrThrow(plugin: InstalledPlugin): Promise<PluginDefinition> {
  if (!plugin.hooks) return {};
  const module = (await import(pathToFileURL(path.resolve(plugin.path, plugin.hooks)).href)) as { default?: PluginDefinition };
  const definition = module.default ?? {};
  for (const [name, fn] of Object.entries(definition.operators ?? {})) registerOperatorOrThrow(name, fn, plugin.name);
  return definition;
}

/** Imports a plugin's seed or demo module and returns its rows. */
export async function loadDataRows(pluginDir: string, entry: string): Promise<DataItem[]> {
  const module = (await import(pathToFileURL(path.resolve(pluginDir, entry)).href)) as { default: () => DataItem[] | Promise<DataItem[]> };
  return module.default();
}

function matchPath(pattern: string, actual: string): Record<string, string> | undefined {
  const want = pattern.split('/').filter(Boolean);
  const got = actual.split('/').filter(Boolean);
  if (want.length !== got.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    if (want[i].startsWith(':')) params[want[i].slice(1)] = decodeURIComponent(got[i]);
    else if (want[i] !== got[i]) return undefined;
  }
  return params;
}
