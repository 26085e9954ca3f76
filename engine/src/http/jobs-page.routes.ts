import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';

const PAGE = fs.readFileSync(path.join(import.meta.dirname, 'jobs-page.html'), 'utf8');

/** The page's one inline script and one inline style are allowed by their hashes, and nothing else runs or loads. */
const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  `script-src ${inlineHash(PAGE, 'script')}`,
  `style-src ${inlineHash(PAGE, 'style')}`,
  "connect-src 'self'",
  'img-src data:',
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The operator view of the job queue at `/admin/jobs`: one self-contained page over the operator API (jobs.routes.ts).
 * It loads for anyone; the API decides what it shows (a login form on 401, a refusal on 403).
 */
export function registerJobsPage(app: FastifyInstance): void {
  app.get('/admin/jobs', { config: { public: true } }, async (_request, reply) =>
    reply
      .type('text/html; charset=utf-8')
      .header('content-security-policy', CONTENT_SECURITY_POLICY)
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'no-store')
      .send(PAGE));
}

function inlineHash(html: string, tag: 'script' | 'style'): string {
  const match = new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`).exec(html);
  if (!match) throw new Error(`jobs-page.html has no inline <${tag}>`);
  return `'sha256-${createHash('sha256').update(match[1], 'utf8').digest('base64')}'`;
}
