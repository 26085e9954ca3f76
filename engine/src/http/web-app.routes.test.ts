/** The two web apps' pages and assets: the end-user app at `/`, the studio at `/studio/`, engine paths never a page. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerErrorHandling } from './error-handler.ts';
import { registerWebApp } from './web-app.routes.ts';

let root: string;

function fakeBuild(name: string): string {
  const dir = path.join(root, name);
  fs.mkdirSync(path.join(dir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'index.html'), `<html>${name}</html>`);
  fs.writeFileSync(path.join(dir, 'assets', `${name}.js`), `// ${name}`);
  return dir;
}

async function serve(dirs: { runtimeUi: string; studio: string }): Promise<FastifyInstance> {
  const app = Fastify();
  registerErrorHandling(app);
  await registerWebApp(app, dirs);
  return app;
}

beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'qudao-web-'));
});

afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe('registerWebApp', () => {
  it('answers each app its own page and assets, under the same content security policy', async () => {
    const app = await serve({ runtimeUi: fakeBuild('runtime'), studio: fakeBuild('studio') });
    for (const [url, page] of [['/', 'runtime'], ['/o/dealer/new', 'runtime'], ['/studiox', 'runtime'], ['/studio', 'studio'], ['/studio/', 'studio'], ['/studio/objects/dealer', 'studio']]) {
      const response = await app.inject({ url });
      expect(response.statusCode, url).toBe(200);
      expect(response.body, url).toBe(`<html>${page}</html>`);
      expect(response.headers['content-security-policy'], url).toContain("script-src 'self'");
    }
    expect((await app.inject({ url: '/assets/runtime.js' })).body).toBe('// runtime');
    const asset = await app.inject({ url: '/studio/assets/studio.js' });
    expect(asset.body).toBe('// studio');
    expect(asset.headers['cache-control']).toContain('immutable');
    expect((await app.inject({ url: '/studio/assets/missing.js' })).statusCode).toBe(404);
    expect((await app.inject({ url: '/healthz/nope' })).json().code).toBe('ROUTE_NOT_FOUND');
    await app.close();
  });

  it('says which app is not built yet', async () => {
    const app = await serve({ runtimeUi: fakeBuild('runtime2'), studio: path.join(root, 'no-studio') });
    expect((await app.inject({ url: '/' })).statusCode).toBe(200);
    const studio = await app.inject({ url: '/studio/objects', headers: { 'accept-language': 'en' } });
    expect(studio.statusCode).toBe(503);
    expect(studio.json()).toMatchObject({ code: 'NOT_READY', detail: 'The studio is not built yet: run npm run build:ui' });
    await app.close();
  });
});
