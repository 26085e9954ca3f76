/**
 * One HTTP request of a webhook delivery, with Node's fetch: a deadline, no redirect followed (a 3xx is an answer
 * like any other non-2xx), and of the response only the status and a short excerpt kept: a receiver's body is not
 * trusted, and a big one must not fill the log.
 */
import { SIGNATURE_HEADER, webhookSignature } from './signature.ts';

const USER_AGENT = 'Qudao-Webhooks/1';
const TIMEOUT_MS = 10_000;
const EXCERPT_BYTES = 500;
const ERROR_CHARS = 500;

export interface OutgoingWebhook {
  deliveryId: string;
  event: string;
  url: string;
  method: string;
  body: string;
}

export interface SendResult {
  ok: boolean;
  /** null when no response came (refused, reset, timed out). */
  statusCode: number | null;
  error: string | null;
  durationMs: number;
  responseExcerpt: string | null;
}

export async function sendWebhook(webhook: OutgoingWebhook, secret: string): Promise<SendResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  try {
    const response = await fetch(webhook.url, {
      method: webhook.method,
      headers: signedHeaders(webhook, secret),
      body: webhook.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    // The status is the answer; a body cut off by the deadline only loses its excerpt.
    const responseExcerpt = await readExcerpt(response).catch(() => null);
    return { ok: response.ok, statusCode: response.status, error: response.ok ? null : `HTTP ${response.status}`, durationMs: elapsed(), responseExcerpt };
  } catch (error) {
    return { ok: false, statusCode: null, error: describeFailure(error), durationMs: elapsed(), responseExcerpt: null };
  }
}

function signedHeaders(webhook: OutgoingWebhook, secret: string): Record<string, string> {
  return {
    'content-type': 'application/json',
    'user-agent': USER_AGENT,
    'x-qudao-delivery': webhook.deliveryId,
    'x-qudao-event': webhook.event,
    [SIGNATURE_HEADER]: webhookSignature(secret, webhook.body, Math.floor(Date.now() / 1000)),
  };
}

/** The first bytes of the body, then the rest is dropped unread. PostgreSQL text can't hold NUL. */
async function readExcerpt(response: Response): Promise<string | null> {
  if (!response.body) return null;
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < EXCERPT_BYTES) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.length;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  return Buffer.concat(chunks).subarray(0, EXCERPT_BYTES).toString('utf8').replaceAll('\u0000', '');
}

function describeFailure(error: unknown): string {
  const failure = error as Error & { cause?: { code?: string; message?: string } };
  if (failure.name === 'TimeoutError') return `no answer within ${TIMEOUT_MS / 1000} s`;
  const cause = failure.cause?.code ?? failure.cause?.message;
  return `${failure.message}${cause ? ` (${cause})` : ''}`.slice(0, ERROR_CHARS);
}
