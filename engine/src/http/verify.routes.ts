import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Knex } from 'knex';
import { hashLetterCode, isLetterCode } from '../letters/letter-codes.ts';
import { findLetter, letterPdf, type Letter } from '../letters/letter-store.ts';
import { unknownLetterHtml, verifyPageHtml } from '../letters/verify-page.ts';
import { sendPdf } from './letters.routes.ts';

type CodeParams = { Params: { code: string } };

/** No script, no outside resource, no framing: the page only shows. */
const CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/**
 * The public check of a letter's code (`GET /verify/:code`, the QR code's address): no login, its own rate limit
 * per client address for found and unknown codes alike, and an unknown code answers the same plain 404 page
 * whether it is malformed or just not issued.
 */
export function registerVerifyRoutes(app: FastifyInstance, deps: { knex: Knex; perMinute: number }): void {
  const config = { public: true, rateLimit: { max: deps.perMinute, timeWindow: 60_000, allowList: () => false } };

  app.get<CodeParams>('/verify/:code', { config }, async (request, reply) => {
    const letter = await letterOf(deps.knex, request.params.code);
    if (!letter) return sendHtml(reply.status(404), unknownLetterHtml());
    return sendHtml(reply, verifyPageHtml(letter, `${encodeURIComponent(request.params.code)}/pdf`));
  });

  app.get<CodeParams>('/verify/:code/pdf', { config }, async (request, reply) => {
    const letter = await letterOf(deps.knex, request.params.code);
    const pdf = letter && (await letterPdf(deps.knex, letter.id));
    if (!letter || !pdf) return sendHtml(reply.status(404), unknownLetterHtml());
    return sendPdf(reply, letter, pdf);
  });
}

function letterOf(knex: Knex, code: string): Promise<Letter | undefined> {
  return isLetterCode(code) ? findLetter(knex, { codeHash: hashLetterCode(code) }) : Promise.resolve(undefined);
}

function sendHtml(reply: FastifyReply, html: string): FastifyReply {
  return reply
    .type('text/html; charset=utf-8')
    .header('content-security-policy', CONTENT_SECURITY_POLICY)
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'no-referrer')
    .header('cache-control', 'no-store')
    .send(html);
}
