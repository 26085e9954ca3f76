import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface PluginFolderSpec {
  name: string;
  version: string;
  documents: object[];
  extra?: Record<string, unknown>;
}

const written: string[] = [];

/** Writes a metadata-only plugin package to a temporary folder (the way an author's release would look). */
export function writePluginFolder(spec: PluginFolderSpec): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${spec.name}-${spec.version}-`));
  written.push(dir);
  fs.mkdirSync(path.join(dir, 'documents'));
  const manifest = {
    name: spec.name,
    version: spec.version,
    label: { 'zh-CN': spec.name, en: spec.name },
    engine: '>=0.1.0',
    documents: ['documents'],
    ...spec.extra,
  };
  fs.writeFileSync(path.join(dir, 'plugin.json'), JSON.stringify(manifest, null, 2));
  spec.documents.forEach((doc, i) => fs.writeFileSync(path.join(dir, 'documents', `${String(i).padStart(2, '0')}.json`), JSON.stringify(doc)));
  return dir;
}

/** Removes every folder writePluginFolder made in this test file. */
export function removePluginFolders(): void {
  for (const dir of written.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}
