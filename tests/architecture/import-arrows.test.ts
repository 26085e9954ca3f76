import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const DEPCRUISE = path.join(ROOT, 'node_modules/.bin/depcruise');
const sandbox = fs.mkdtempSync(path.join(os.tmpdir(), 'qudao-arrows-'));
afterAll(() => fs.rmSync(sandbox, { recursive: true, force: true }));

/** Runs the project's import rules over a small tree; returns the names of the rules it breaks. */
function violations(files: Record<string, string>): string[] {
  const dir = fs.mkdtempSync(path.join(sandbox, 'tree-'));
  fs.copyFileSync(path.join(ROOT, '.dependency-cruiser.cjs'), path.join(dir, '.dependency-cruiser.cjs'));
  fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { allowImportingTsExtensions: true, module: 'NodeNext' } }));
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  const roots = [...new Set(Object.keys(files).map((f) => f.split('/')[0]))];
  const output = execFileSync(DEPCRUISE, [...roots, '--config', '.dependency-cruiser.cjs', '--output-type', 'json'], {
    cwd: dir,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  }).toString();
  return JSON.parse(output).summary.violations.map((v: { rule: { name: string } }) => v.rule.name);
}

/** `npm run lint:deps` checks the real tree; these prove that each rule bites. */
describe('the import arrows of DESIGN.md', () => {
  it('fail when metadata/ imports the engine', () => {
    expect(
      violations({
        'metadata/src/types.ts': "import { x } from '../../engine/src/app.ts';\nexport const y = x;\n",
        'engine/src/app.ts': 'export const x = 1;\n',
      }),
    ).toContain('metadata-is-the-bottom-layer');
  });

  it('fail when a plugin reaches past the plugin API into the engine', () => {
    const broken = violations({
      'plugins/demo/hooks.ts': "import { x } from '../../engine/src/registry.ts';\nimport { y } from '../../engine/src/plugin-api.ts';\nexport const z = x + y;\n",
      'engine/src/registry.ts': 'export const x = 1;\n',
      'engine/src/plugin-api.ts': 'export const y = 1;\n',
    });
    expect(broken).toEqual(['plugins-use-only-the-plugin-api']);
  });

  it('fail when a browser-safe metadata module imports the database driver', () => {
    expect(
      violations({
        'metadata/src/check.ts': "import { x } from './store.ts';\nexport const y = x;\n",
        'metadata/src/store.ts': 'export const x = 1;\n',
      }),
    ).toContain('metadata-pure-modules-stay-browser-safe');
  });

  it('fail when the engine imports a plugin', () => {
    expect(
      violations({
        'engine/src/app.ts': "import { x } from '../../plugins/demo/hooks.ts';\nexport const y = x;\n",
        'plugins/demo/hooks.ts': 'export const x = 1;\n',
      }),
    ).toContain('engine-does-not-know-plugins-or-apps');
  });
});
