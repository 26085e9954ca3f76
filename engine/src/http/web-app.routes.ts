import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Label } from '../../../metadata/src/types.ts';
import { QudaoError } from '../errors/catalog.ts';

/** Where `npm run build:ui` (run by `npm start` when the sources changed) leaves the end-user app and the studio. */
export const WEB_APP_DIR = path.resolve(import.meta.dirname, '../../../runtime-ui/dist');
export const STUDIO_DIR = path.resolve(import.meta.dirname, '../../../studio/dist');

/**
 * Scripts come only from this origin, never inline; antd writes its styles at run time, hence inline styles.
 * 'unsafe-eval' because forms check values against the JSON Schema the engine derives at run time from the metadata
 * (a deploy changes it without a rebuild), and Ajv, like the server's, compiles each schema to a function.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Paths that belong to the engine: an unknown one there is a problem+json 404, never the app's page. */
const ENGINE_PATHS = /^\/(api|admin|verify|healthz|readyz)(\/|$)/;

/**
 * The end-user app at `/` and the studio at `/studio/`: hashed assets cached for a year, and every other page path
 * answered with the app's index.html, so a pasted link (`/o/dealer/…`, `/studio/objects/dealer`) opens in the app,
 * which then asks the API what the user may see. The pages are public (they hold no data); the API checks rights.
 */
export async function registerWebApp(app: FastifyInstance, dirs = { runtimeUi: WEB_APP_DIR, studio: STUDIO_DIR }): Promise<void> {
  // The assets are public (a login page needs them); the page itself holds no data.
  app.addHook('onRoute', (route) => {
    if (/^(\/studio)?\/assets\//.test(route.url)) route.config = { ...(route.config as object), public: true };
  });
  await serveAssets(app, dirs.runtimeUi, '/assets/');
  await serveAssets(app, dirs.studio, '/studio/assets/');
  const runtimeUi = { indexFile: path.join(dirs.runtimeUi, 'index.html'), notBuilt: { 'zh-CN': '网页应用尚未构建：运行 npm run build:ui', en: 'The web app is not built yet: run npm run build:ui' } };
  const studio = { indexFile: path.join(dirs.studio, 'index.html'), notBuilt: { 'zh-CN': '设计器尚未构建：运行 npm run build:ui', en: 'The studio is not built yet: run npm run build:ui' } };
  app.get('/*', { config: { public: true } }, async (request, reply) => {
    if (ENGINE_PATHS.test(request.url)) throw noRoute(request.method, request.url);
    return sendIndex(reply, runtimeUi);
  });
  app.get('/studio', { config: { public: true } }, async (_request, reply) => sendIndex(reply, studio));
  app.get('/studio/*', { config: { public: true } }, async (_request, reply) => sendIndex(reply, studio));
  // Not public: an unknown API path asks for a credential first, like any API path, and only then says it doesn't exist.
  app.all('/api/*', async (request) => {
    throw noRoute(request.method, request.url);
  });
}

async function serveAssets(app: FastifyInstance, dir: string, prefix: string): Promise<void> {
  await app.register(fastifyStatic, {
    root: path.join(dir, 'assets'),
    prefix,
    index: false,
    immutable: true,
    maxAge: '365d',
    preCompressed: true,
    decorateReply: false,
    setHeaders: (res) => res.header('x-content-type-options', 'nosniff'),
  });
}

const noRoute = (method: string, url: string) =>
  new QudaoError('ROUTE_NOT_FOUND', [], { 'zh-CN': `没有 ${method} ${url}`, en: `No route ${method} ${url}` });

function sendIndex(reply: FastifyReply, page: { indexFile: string; notBuilt: Label }) {
  if (!fs.existsSync(page.indexFile)) throw new QudaoError('NOT_READY', [], page.notBuilt);
  return reply
    .type('text/html; charset=utf-8')
    .header('content-security-policy', CONTENT_SECURITY_POLICY)
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'no-cache')
    .send(fs.createReadStream(page.indexFile));
}
