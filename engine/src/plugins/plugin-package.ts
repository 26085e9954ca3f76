import fs from 'node:fs';
import path from 'node:path';
import { checkPluginManifestShape } from '../../../metadata/src/check-shape.ts';
import type { Label, MetadataDoc } from '../../../metadata/src/types.ts';
import { QudaoError, problemsToFieldErrors, type FieldError } from '../errors/catalog.ts';

export interface PluginManifest {
  name: string;
  version: string;
  label: Label;
  description?: Label;
  engine: string;
  dependencies?: Record<string, string>;
  documents: string[];
  hooks?: string;
  seed?: string;
  demo?: string;
}

/** A plugin folder as read from disk: its manifest and the metadata documents it ships. */
export interface PluginPackage {
  dir: string;
  manifest: PluginManifest;
  documents: MetadataDoc[];
}

export const MANIFEST_FILE = 'plugin.json';

/** Reads and checks a plugin folder; every problem (manifest, unreadable document) is reported at once. */
export function readPluginPackageOrThrow(dir: string): PluginPackage {
  const manifest = readManifestOrThrow(dir);
  const errors: FieldError[] = [];
  const documents = manifest.documents.flatMap((entry) => readDocuments(dir, entry, errors));
  for (const entry of [manifest.hooks, manifest.seed, manifest.demo]) {
    if (entry && !insideFolder(dir, entry)) errors.push(outside(entry));
    else if (entry && !fs.existsSync(path.join(dir, entry))) errors.push(missing(entry));
  }
  if (errors.length) throw new QudaoError('PLUGIN_INVALID', errors);
  return { dir, manifest, documents };
}

/** The version of the plugin folder at `dir`, or undefined when it holds no readable manifest. */
export function folderVersion(dir: string): string | undefined {
  try {
    return readManifestOrThrow(dir).version;
  } catch (error) {
    if (error instanceof QudaoError) return undefined;
    throw error;
  }
}

function readManifestOrThrow(dir: string): PluginManifest {
  const file = path.join(dir, MANIFEST_FILE);
  if (!fs.existsSync(file)) throw new QudaoError('PLUGIN_INVALID', [missing(MANIFEST_FILE)]);
  const manifest = parseJson(file, MANIFEST_FILE);
  if (manifest instanceof Error) throw new QudaoError('PLUGIN_INVALID', [unreadable(MANIFEST_FILE, manifest)]);
  const problems = checkPluginManifestShape(manifest);
  if (problems.length) {
    throw new QudaoError('PLUGIN_INVALID', problemsToFieldErrors(problems.map((p) => ({ ...p, path: `${MANIFEST_FILE}${p.path}` }))));
  }
  return manifest as PluginManifest;
}

function readDocuments(dir: string, entry: string, errors: FieldError[]): MetadataDoc[] {
  if (!insideFolder(dir, entry)) return (errors.push(outside(entry)), []);
  const target = path.join(dir, entry);
  if (!fs.existsSync(target)) return (errors.push(missing(entry)), []);
  const files = fs.statSync(target).isDirectory()
    ? fs.readdirSync(target).filter((f) => f.endsWith('.json')).sort().map((f) => path.join(entry, f))
    : [entry];
  return files.flatMap((file) => {
    const doc = parseJson(path.join(dir, file), file);
    return doc instanceof Error ? (errors.push(unreadable(file, doc)), []) : [doc as MetadataDoc];
  });
}

function parseJson(file: string, shownAs: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    return new Error(`${shownAs}: ${(error as Error).message}`);
  }
}

const insideFolder = (dir: string, entry: string) => {
  const relative = path.relative(dir, path.resolve(dir, entry));
  return !relative.startsWith('..') && !path.isAbsolute(relative);
};

const missing = (entry: string): FieldError => ({
  field: entry,
  rule: 'missing_file',
  message: { 'zh-CN': `插件中没有 ${entry}`, en: `The plugin has no ${entry}` },
});
const outside = (entry: string): FieldError => ({
  field: entry,
  rule: 'outside_plugin',
  message: { 'zh-CN': `${entry} 不在插件目录内`, en: `${entry} is outside the plugin folder` },
});
const unreadable = (entry: string, error: Error): FieldError => ({
  field: entry,
  rule: 'invalid_json',
  message: { 'zh-CN': `无法读取：${error.message}`, en: `Cannot be read: ${error.message}` },
});
