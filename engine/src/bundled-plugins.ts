import path from 'node:path';
import type { App } from './app.ts';
import type { Config } from './config.ts';
import { systemContext } from './security/principal.ts';

/**
 * On a fresh database (no metadata, no plugin), installs the bundled plugin pack, with its demo data unless
 * turned off, so `npm start` shows a working product. Returns what it installed.
 */
export async function installBundledPlugins(app: App, config: Config, say: (line: string) => void): Promise<string[]> {
  const fresh = (await app.plugins.list()).length === 0 && (await app.db.knex('qd_metadata_documents').first('id')) === undefined;
  if (!fresh) return [];
  const installed: string[] = [];
  for (const name of config.bundledPlugins) {
    say(`Installing the plugin ${name}${config.demoData ? ' with demo data' : ''}...`);
    const result = await app.plugins.install(path.join(config.pluginsDir, name), {
      demo: config.demoData,
      ctx: systemContext(app.adminId, 'start'),
    });
    say(`  ${name} ${result.plugin.version}: ${result.steps.length} steps, ${result.rows ?? 0} records`);
    installed.push(name);
  }
  return installed;
}
