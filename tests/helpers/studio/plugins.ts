/**
 * Drivers of the studio's plugins page: a plugin package put into the server's plugins folder (where the API installs
 * and upgrades from) and taken away again, and the upgrade preview as an admin starts it.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { writePluginFolder, type PluginFolderSpec } from '../plugin-folder.ts';

const PLUGINS_DIR = path.resolve(import.meta.dirname, '../../../plugins');

/** Writes the package as `plugins/<name>/`, replacing an earlier version there (as an author's release would). */
export function putInPluginsFolder(spec: PluginFolderSpec): string {
  const target = path.join(PLUGINS_DIR, spec.name);
  fs.rmSync(target, { recursive: true, force: true });
  fs.cpSync(writePluginFolder(spec), target, { recursive: true });
  return target;
}

export function removeFromPluginsFolder(name: string): void {
  fs.rmSync(path.join(PLUGINS_DIR, name), { recursive: true, force: true });
}

/** Clicks the plugin's upgrade button: the dry run follows, showing the plan or the conflicts. */
export async function previewUpgrade(page: Page, plugin: string): Promise<void> {
  await page.getByTestId(`plugin-upgrade-${plugin}`).click();
  await page.getByTestId('deploy-plan').or(page.getByTestId('plugin-conflicts')).waitFor();
}
