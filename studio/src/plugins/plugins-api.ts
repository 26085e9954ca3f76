/**
 * The plugin lifecycle API as the studio uses it: the installed plugins, and install, upgrade and uninstall, each a
 * deploy of the plugin's base layer with a dry run first. A real change carries an `x-work-id` to poll its progress.
 */
import { api, withQuery } from '../../../runtime-ui/src/api/client.ts';
import { workHeaders } from '../../../runtime-ui/src/work/useWork.ts';
import type { Label } from '../../../metadata/src/types.ts';
import type { DeployAnswer } from '../api/meta.ts';

export interface InstalledPlugin {
  name: string;
  version: string;
  label: Label;
  installedAt: string;
  upgradedAt: string | null;
  /** The newer version the plugin's folder holds: what an upgrade brings. */
  availableVersion?: string;
}

export interface PluginAnswer extends DeployAnswer {
  plugin: { name: string; version: string };
  rows?: number;
}

const headersOf = (workId: string | undefined) => (workId ? workHeaders(workId) : undefined);
const pluginPath = (name: string) => `/api/plugins/${encodeURIComponent(name)}`;

export const listPlugins = () => api<{ data: InstalledPlugin[] }>('/api/plugins').then((answer) => answer.data);

export const installPlugin = (plugin: string, options: { dryRun: boolean; demo: boolean }, workId?: string) =>
  api<PluginAnswer>('/api/plugins', { method: 'POST', body: { plugin, ...options }, headers: headersOf(workId) });

export const upgradePlugin = (name: string, dryRun: boolean, workId?: string) =>
  api<PluginAnswer>(`${pluginPath(name)}/upgrade`, { method: 'POST', body: { dryRun }, headers: headersOf(workId) });

/** Purging drops the plugin's tables with their data: the engine wants the plugin's name as confirmation. */
export const uninstallPlugin = (name: string, options: { dryRun: boolean; purge: boolean }, workId?: string) =>
  api<PluginAnswer>(withQuery(pluginPath(name), { dryRun: options.dryRun, purge: options.purge, confirm: options.purge ? name : undefined }), {
    method: 'DELETE',
    headers: headersOf(workId),
  });
