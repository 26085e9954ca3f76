import type { Knex } from 'knex';
import semver from 'semver';
import type { DocKind, Label, MetadataDoc } from '../../../metadata/src/types.ts';
import { deployOrThrow, type AppliedDeploy, type DeployContext, type DeployResult, type PublicStep } from '../deploy/deploy.ts';
import { estimatedRows, stepRisk } from '../deploy/step-risk.ts';
import { QudaoError } from '../errors/catalog.ts';
import type { WriteContext } from '../records/audit.ts';
import type { RecordService } from '../records/record-service.ts';
import { tableName } from '../schema-sync/names.ts';
import { loadDataRows, loadDefinitionOrThrow, type InstalledPlugin } from './plugin-host.ts';
import { readPluginPackageOrThrow, type PluginManifest, type PluginPackage } from './plugin-package.ts';
import { loadRows, type DemoUserMaker } from './data-rows.ts';
import { layersAfter, pluginConflicts } from './plugin-conflicts.ts';

export interface PluginRow {
  name: string;
  version: string;
  path: string;
  manifest: PluginManifest;
  documents: DocKey[];
  installed_at: string | Date;
  upgraded_at: string | Date | null;
}

type DocKey = { kind: DocKind; name: string };

/** More writes in the change's transaction (the access audit); not called on a dry run. */
type InTransaction = (trx: Knex.Transaction, applied: AppliedDeploy) => Promise<void>;

/** One call's progress: the deploy's steps, then the seed and demo rows after them; must not wait. Not called on a dry run. */
export type PluginProgress = (done: number, total: number, message?: Label) => void;

interface ChangeOptions {
  dryRun?: boolean;
  ctx: WriteContext;
  inTransaction?: InTransaction;
  progress?: PluginProgress;
}

export interface PluginResult extends DeployResult {
  plugin: { name: string; version: string };
  /** Seed and demo rows loaded after the install. */
  rows?: number;
}

export interface PluginManagerDeps {
  knex: Knex;
  deployContext: DeployContext;
  records: RecordService;
  engineVersion: string;
  /** After every applied change: reload the metadata and the plugins' code. */
  afterChange: () => Promise<void>;
  progress: (message: string) => void;
  /** Creates the demo users that come with demo data. */
  makeDemoUser: DemoUserMaker;
}

const TABLE = 'qd_plugins';
/** The log (`npm start`) tells the rows loaded every this many rows. */
const LOG_ROWS_EVERY = 250;
const keysOf = (docs: readonly MetadataDoc[]): DocKey[] => docs.map((d) => ({ kind: d.kind, name: d.name }));
const sameKey = (a: DocKey) => (b: DocKey) => a.kind === b.kind && a.name === b.name;

/** Install, upgrade and uninstall are deploys of a plugin's base layer: one transaction each, with a dry run. */
export class PluginManager {
  constructor(private readonly deps: PluginManagerDeps) {}

  async list(): Promise<PluginRow[]> {
    return this.deps.knex(TABLE).select('*').orderBy('installed_at');
  }

  async installed(): Promise<InstalledPlugin[]> {
    return (await this.list()).map((row) => ({
      name: row.name, version: row.version, path: row.path, hooks: row.manifest.hooks,
      objects: row.documents.filter((d) => d.kind === 'object').map((d) => d.name),
    }));
  }

  async install(dir: string, options: ChangeOptions & { demo?: boolean }): Promise<PluginResult> {
    const pkg = readPluginPackageOrThrow(dir);
    const { name, version } = pkg.manifest;
    if (await this.find(name)) {
      throw stateError(`插件 ${name} 已安装，请使用升级`, `The plugin ${name} is already installed; upgrade it instead`);
    }
    await this.assertCompatible(pkg);
    const result = await deployOrThrow(this.deps.deployContext, {
      documents: pkg.documents,
      layer: 'base',
      dryRun: options.dryRun,
      actor: options.ctx.actor,
      progress: stepProgress(options.progress),
      inTransaction: async (trx, applied) => {
        await trx(TABLE).insert(this.row(pkg));
        await options.inTransaction?.(trx, applied);
      },
    });
    if (!result.applied) return { ...result, plugin: { name, version } };
    await this.deps.afterChange();
    const rows = await this.loadData(pkg, options.demo === true, options.ctx, { report: options.progress, stepsDone: result.steps.length });
    return { ...result, plugin: { name, version }, rows };
  }

  async upgrade(dir: string, options: ChangeOptions): Promise<PluginResult> {
    const pkg = readPluginPackageOrThrow(dir);
    const { name, version } = pkg.manifest;
    const current = await this.findOrThrow(name);
    if (!semver.gt(version, current.version)) {
      throw stateError(`${name} 已是 ${current.version} 版，新包为 ${version}`, `${name} is at ${current.version}; the package is ${version}, not newer`);
    }
    await this.assertCompatible(pkg);
    const dropped = current.documents.filter((old) => !pkg.documents.some(sameKey(old)));
    const result = await this.deployReportingConflicts({
      documents: pkg.documents,
      remove: dropped.map((d) => ({ ...d, layer: 'base' as const })),
      layer: 'base',
      dryRun: options.dryRun,
      actor: options.ctx.actor,
      progress: stepProgress(options.progress),
      inTransaction: async (trx, applied) => {
        await trx(TABLE).where({ name }).update({ ...this.row(pkg), upgraded_at: trx.fn.now() });
        await options.inTransaction?.(trx, applied);
      },
    });
    if (result.applied) await this.deps.afterChange();
    return { ...result, plugin: { name, version } };
  }

  /** Removes the plugin's documents (base layer and the admin's customizations of them); tables stay unless purged. */
  async uninstall(name: string, options: ChangeOptions & { purge?: boolean; confirm?: string }): Promise<PluginResult> {
    const current = await this.findOrThrow(name);
    const dependents = (await this.list()).filter((p) => p.manifest.dependencies && name in p.manifest.dependencies);
    if (dependents.length) {
      const names = dependents.map((p) => p.name).join(', ');
      throw stateError(`${names} 依赖 ${name}，请先卸载它们`, `${names} depend on ${name}; uninstall them first`);
    }
    if (options.purge && options.confirm !== name) {
      throw stateError(`清除数据需确认：confirm 须为插件名 ${name}`, `Purging data needs confirmation: confirm must be the plugin name, ${name}`);
    }
    const stored = await this.deps.deployContext.store.loadCurrent();
    const customKeys = stored.filter((d) => d.layer === 'custom' && !d.deleted && current.documents.some(sameKey(d)));
    const objects = current.documents.filter((d) => d.kind === 'object').map((d) => d.name);
    const result = await this.deployReportingConflicts({
      documents: [],
      remove: [...current.documents.map((d) => ({ ...d, layer: 'base' as const })), ...customKeys.map((d) => ({ kind: d.kind, name: d.name, layer: 'custom' as const }))],
      dryRun: options.dryRun,
      actor: options.ctx.actor,
      progress: stepProgress(options.progress),
      inTransaction: async (trx, applied) => {
        await trx(TABLE).where({ name }).delete();
        if (options.purge) await purgeTables(trx, objects);
        await options.inTransaction?.(trx, applied);
      },
    });
    if (options.purge) result.steps.push(...purgeSteps(this.deps.knex, objects, await estimatedRows(this.deps.knex)));
    if (result.applied) await this.deps.afterChange();
    return { ...result, plugin: { name, version: current.version } };
  }

  private async deployReportingConflicts(request: Parameters<typeof deployOrThrow>[1] & { documents: MetadataDoc[] }): Promise<DeployResult> {
    try {
      return await deployOrThrow(this.deps.deployContext, request);
    } catch (error) {
      // The new base layer no longer fits what is built on it (a customization, another plugin): say so, by name,
      // with the plugin's and the customization's values at each place.
      if (!(error instanceof QudaoError && error.code === 'METADATA_INVALID')) throw error;
      const layers = layersAfter(await this.deps.deployContext.store.loadCurrent(), { documents: request.documents, remove: request.remove ?? [], layer: request.layer ?? 'custom' });
      throw new QudaoError('PLUGIN_CONFLICT', error.errors, undefined, { conflicts: pluginConflicts(error.errors, layers) });
    }
  }

  private async assertCompatible(pkg: PluginPackage): Promise<void> {
    const { name, engine, dependencies = {} } = pkg.manifest;
    if (!semver.satisfies(this.deps.engineVersion, engine)) {
      throw stateError(`${name} 需要引擎 ${engine}，当前为 ${this.deps.engineVersion}`, `${name} needs engine ${engine}; this is ${this.deps.engineVersion}`);
    }
    for (const [dependency, range] of Object.entries(dependencies)) {
      const installed = await this.find(dependency);
      if (!installed || !semver.satisfies(installed.version, range)) {
        throw stateError(`${name} 需要先安装 ${dependency} ${range}`, `${name} needs ${dependency} ${range} installed first`);
      }
    }
    // Its operators must be known before its rules are checked.
    await loadDefinitionOrThrow({ name, version: pkg.manifest.version, path: pkg.dir, hooks: pkg.manifest.hooks });
  }

  /** Seed, then demo rows; the caller's progress counts on from the deploy's steps, up to steps + every row. */
  private async loadData(pkg: PluginPackage, demo: boolean, ctx: WriteContext, call: { report?: PluginProgress; stepsDone: number }): Promise<number> {
    const entries = [pkg.manifest.seed, demo ? pkg.manifest.demo : undefined].filter((e): e is string => Boolean(e));
    const loads = [];
    for (const entry of entries) loads.push({ entry, rows: await loadDataRows(pkg.dir, entry) });
    const total = call.stepsDone + loads.reduce((sum, load) => sum + load.rows.length, 0);
    let count = 0;
    for (const { entry, rows } of loads) {
      const before = call.stepsDone + count;
      const progress = (done: number) => {
        if (done % LOG_ROWS_EVERY === 0 || done === rows.length) this.deps.progress(`${pkg.manifest.name} ${entry}: ${done}/${rows.length}`);
        call.report?.(before + done, total, rowsMessage(pkg.manifest.name, entry, done, rows.length));
      };
      count += await loadRows(this.deps.records, rows, ctx, progress, this.deps.makeDemoUser);
    }
    return count;
  }

  private row(pkg: PluginPackage) {
    return {
      name: pkg.manifest.name,
      version: pkg.manifest.version,
      path: pkg.dir,
      manifest: JSON.stringify(pkg.manifest),
      documents: JSON.stringify(keysOf(pkg.documents)),
    };
  }

  private async find(name: string): Promise<PluginRow | undefined> {
    return this.deps.knex(TABLE).where({ name }).first();
  }

  private async findOrThrow(name: string): Promise<PluginRow> {
    const row = await this.find(name);
    if (!row) throw new QudaoError('PLUGIN_NOT_FOUND', [], { 'zh-CN': `插件 ${name} 未安装`, en: `The plugin ${name} is not installed` });
    return row;
  }
}

const stateError = (zh: string, en: string) => new QudaoError('PLUGIN_STATE', [], { 'zh-CN': zh, en });

const stepProgress = (report: PluginProgress | undefined) =>
  report && ((done: number, total: number, step?: PublicStep) => report(done, total, step?.description));

const rowsMessage = (plugin: string, entry: string, done: number, of: number): Label => ({
  'zh-CN': `${plugin} ${entry}：已载入 ${done}/${of} 行`,
  en: `${plugin} ${entry}: ${done} of ${of} rows loaded`,
});

function purgeSql(knex: Knex, object: string): string {
  return knex.raw('DROP TABLE IF EXISTS ?? CASCADE', [tableName(object)]).toQuery();
}

async function purgeTables(trx: Knex.Transaction, objects: string[]): Promise<void> {
  for (const object of objects) await trx.raw(purgeSql(trx, object));
  if (objects.length) await trx('qd_schema_fields').whereIn('object', objects).delete();
}

function purgeSteps(knex: Knex, objects: string[], rows: ReadonlyMap<string, number>): PublicStep[] {
  return objects.map((object) => ({
    kind: 'purge_table' as const,
    object,
    description: { 'zh-CN': `删除表 ${tableName(object)} 及其全部数据`, en: `Drop table ${tableName(object)} and all its data` },
    sql: [purgeSql(knex, object)],
    risk: stepRisk('purge_table', object, rows),
  }));
}
