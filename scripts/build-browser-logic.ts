/**
 * Builds the browser bundle of the expression language: metadata/src/browser.ts as one ES module,
 * dist/browser/qudao-logic.js with its source map. `npm run build:logic`; the browser test builds it the same way.
 */
import { builtinModules } from 'node:module';
import path from 'node:path';
import { build, type Plugin } from 'esbuild';

const ROOT = path.resolve(import.meta.dirname, '..');
export const BUNDLE_NAME = 'qudao-logic.js';

const NODE_BUILTINS = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));

/** Refuses any Node built-in, naming the module that imports it, instead of letting a shim or a browser field hide it. */
const noNodeModules: Plugin = {
  name: 'no-node-modules',
  setup(builder) {
    builder.onResolve({ filter: /^[^./]/ }, ({ path: specifier, importer }) => {
      if (!NODE_BUILTINS.has(specifier) && !specifier.startsWith('node:')) return undefined;
      return { errors: [{ text: `${path.relative(ROOT, importer)} imports the Node module "${specifier}": the browser bundle can't have it` }] };
    });
  },
};

/** Builds the bundle into `outdir` and returns its path. Throws when the build fails or leaves an import outside the bundle. */
export async function buildBrowserLogicOrThrow(outdir: string): Promise<string> {
  const outfile = path.join(outdir, BUNDLE_NAME);
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: ['metadata/src/browser.ts'],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    sourcemap: true,
    metafile: true,
    logLevel: 'silent',
    plugins: [noNodeModules],
  });
  const leftOutside = Object.values(result.metafile.outputs).flatMap((output) => output.imports.map((i) => i.path));
  if (leftOutside.length > 0) throw new Error(`The browser bundle imports ${leftOutside.join(', ')}: it must be self-contained`);
  return outfile;
}

if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) {
  try {
    console.log(`built ${path.relative(ROOT, await buildBrowserLogicOrThrow(path.join(ROOT, 'dist/browser')))}`);
  } catch (error) {
    console.error((error as Error).message);
    process.exitCode = 1;
  }
}
