/**
 * Webhook signatures: HMAC-SHA256 over `<unix seconds>.<raw body>`, sent as `x-qudao-signature: t=<seconds>,v1=<hex>`.
 * The timestamp is signed too, so a receiver that checks its age refuses a captured request replayed later.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-qudao-signature';

/** How old a signature a receiver should accept, by default. */
const DEFAULT_TOLERANCE_SECONDS = 300;

const HEX_SHA256 = /^[0-9a-f]{64}$/;

/** The `x-qudao-signature` value of `rawBody` sent at `timestamp` (unix seconds). */
export function webhookSignature(secret: string, rawBody: string, timestamp: number): string {
  return `t=${timestamp},v1=${hmac(secret, timestamp, rawBody)}`;
}

/**
 * Whether `header` signs `rawBody` with `secret` and is at most `toleranceSeconds` old (or ahead). Any of several
 * `v1` values may match (a sender that rotates its secret sends both). The comparison takes the same time whatever
 * the bytes.
 */
export function verifyWebhookSignature(
  secret: string,
  header: string | undefined,
  rawBody: string | Buffer,
  toleranceSeconds = DEFAULT_TOLERANCE_SECONDS,
  now = Date.now(),
): boolean {
  const parsed = parseSignatureHeader(header);
  if (!parsed || Math.abs(now / 1000 - parsed.timestamp) > toleranceSeconds) return false;
  const expected = Buffer.from(hmac(secret, parsed.timestamp, rawBody), 'hex');
  return parsed.signatures.some((hex) => timingSafeEqual(Buffer.from(hex, 'hex'), expected));
}

function hmac(secret: string, timestamp: number, rawBody: string | Buffer): string {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(rawBody).digest('hex');
}

/** `t=…,v1=…[,v1=…]`; undefined unless it has one timestamp and well-formed SHA-256 signatures. */
function parseSignatureHeader(header: string | undefined): { timestamp: number; signatures: string[] } | undefined {
  if (!header) return undefined;
  const pairs = header.split(',').map((part) => part.trim().split('='));
  const timestamps = pairs.filter(([key, value]) => key === 't' && /^\d{1,12}$/.test(value ?? ''));
  const signatures = pairs.filter(([key, value]) => key === 'v1' && HEX_SHA256.test(value ?? '')).map(([, value]) => value);
  if (timestamps.length !== 1 || !signatures.length) return undefined;
  return { timestamp: Number(timestamps[0][1]), signatures };
}
