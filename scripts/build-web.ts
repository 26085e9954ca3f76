/**
 * Builds the web apps with Vite when their sources changed since the last build (`npm start` runs it first, the
 * browser tests too). The sources' hash is kept beside the build, so an unchanged tree costs one read.
 * `npm run build:ui` builds unconditionally.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { build } from 'vite';

const ROOT = path.resolve(import.meta.dirname, '..');

interface WebApp {
  name: string;
  config: string;
  outDir: string;
  sources: string[];
}

export const WEB_APPS: WebApp[] = [
  {
    name: 'runtime-ui',
    config: 'runtime-ui/vite.config.ts',
    outDir: 'runtime-ui/dist',
    sources: ['runtime-ui/src', 'runtime-ui/index.html', 'runtime-ui/vite.config.ts', 'metadata/src', 'metadata/data', 'package-lock.json'],
  },
  {
    name: 'studio',
    config: 'studio/vite.config.ts',
    outDir: 'studio/dist',
    // The studio shares runtime-ui's API client, i18n setup, login page and language switch.
    sources: ['studio/src', 'studio/index.html', 'studio/vite.config.ts', 'runtime-ui/src', 'metadata/src', 'package-lock.json'],
  },
];

const STAMP = '.source-hash';

function filesUnder(entry: string): string[] {
  const full = path.join(ROOT, entry);
  if (!fs.existsSync(full)) return [];
  if (!fs.statSync(full).isDirectory()) return [entry];
  return fs.readdirSync(full, { recursive: true, encoding: 'utf8' })
    .map((name) => path.join(entry, name))
    .filter((name) => fs.statSync(path.join(ROOT, name)).isFile() && !name.endsWith('.test.ts'))
    .sort();
}

function sourceHash(app: WebApp): string {
  const hash = createHash('sha256');
  for (const file of app.sources.flatMap(filesUnder)) hash.update(file).update('\0').update(fs.readFileSync(path.join(ROOT, file)));
  return hash.digest('hex');
}

async function buildWebApp(app: WebApp): Promise<void> {
  await build({ configFile: path.join(ROOT, app.config), logLevel: 'warn', mode: 'production' });
  precompress(path.join(ROOT, app.outDir, 'assets'));
  fs.writeFileSync(path.join(ROOT, app.outDir, STAMP), sourceHash(app));
}

/**
 * Vite keeps a NODE_ENV it finds set, and vitest sets it to `test`: the apps would be built with development React
 * and antd (slower, and warning in the console). Production for the build, the caller's value restored after.
 */
async function asProduction<T>(work: () => Promise<T>): Promise<T> {
  const previous = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    return await work();
  } finally {
    if (previous === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = previous;
  }
}

/** Builds every app, one after another. */
export function buildAllWebApps(): Promise<void> {
  return asProduction(async () => {
    for (const app of WEB_APPS) await buildWebApp(app);
  });
}

const COMPRESSIBLE = /\.(js|css|json|svg)$/;

/** Gzip and Brotli beside each asset, once at build time: the server hands out whichever the browser accepts. */
function precompress(dir: string): void {
  for (const name of fs.readdirSync(dir).filter((n) => COMPRESSIBLE.test(n))) {
    const file = path.join(dir, name);
    const bytes = fs.readFileSync(file);
    fs.writeFileSync(`${file}.gz`, zlib.gzipSync(bytes, { level: 9 }));
    fs.writeFileSync(`${file}.br`, zlib.brotliCompressSync(bytes, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }));
  }
}

/** Builds each app whose sources differ from its last build; answers the names it built. */
export function buildStaleWebApps(): Promise<string[]> {
  return asProduction(async () => {
    const built: string[] = [];
    for (const app of WEB_APPS) {
      const stamp = path.join(ROOT, app.outDir, STAMP);
      if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === sourceHash(app)) continue;
      await buildWebApp(app);
      built.push(app.name);
    }
    return built;
  });
}

if (process.argv[1] === import.meta.filename) {
  const always = process.argv.includes('--always');
  const started = Date.now();
  const built = always ? (await buildAllWebApps(), WEB_APPS.map((a) => a.name)) : await buildStaleWebApps();
  if (built.length) console.log(`built ${built.join(', ')} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
