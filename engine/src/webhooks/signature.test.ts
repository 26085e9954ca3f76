import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifyWebhookSignature, webhookSignature } from './signature.ts';

const SECRET = 'test-secret';
const BODY = '{"record":{"name":"协和医院"}}';
const SENT_AT = 1_780_000_000;
const at = (seconds: number) => seconds * 1000;

describe('webhook signatures', () => {
  it('signs `<timestamp>.<body>` with HMAC-SHA256, as a receiver following the docs would compute it', () => {
    const expected = createHmac('sha256', SECRET).update(`${SENT_AT}.${BODY}`, 'utf8').digest('hex');
    expect(webhookSignature(SECRET, BODY, SENT_AT)).toBe(`t=${SENT_AT},v1=${expected}`);
  });

  it('verifies its own signature, over a string or the raw bytes', () => {
    const header = webhookSignature(SECRET, BODY, SENT_AT);
    expect(verifyWebhookSignature(SECRET, header, BODY, 300, at(SENT_AT + 10))).toBe(true);
    expect(verifyWebhookSignature(SECRET, header, Buffer.from(BODY, 'utf8'), 300, at(SENT_AT + 10))).toBe(true);
  });

  it('refuses an altered body, another secret, and a changed timestamp', () => {
    const header = webhookSignature(SECRET, BODY, SENT_AT);
    const now = at(SENT_AT);
    expect(verifyWebhookSignature(SECRET, header, BODY.replace('协和', '仁济'), 300, now)).toBe(false);
    expect(verifyWebhookSignature('other-secret', header, BODY, 300, now)).toBe(false);
    expect(verifyWebhookSignature(SECRET, header.replace(`t=${SENT_AT}`, `t=${SENT_AT + 1}`), BODY, 300, now)).toBe(false);
  });

  it('refuses a signature older or further ahead than the tolerance', () => {
    const header = webhookSignature(SECRET, BODY, SENT_AT);
    expect(verifyWebhookSignature(SECRET, header, BODY, 300, at(SENT_AT + 300))).toBe(true);
    expect(verifyWebhookSignature(SECRET, header, BODY, 300, at(SENT_AT + 301))).toBe(false);
    expect(verifyWebhookSignature(SECRET, header, BODY, 300, at(SENT_AT - 301))).toBe(false);
  });

  it('accepts any of several v1 values (a rotated secret) and refuses malformed headers', () => {
    const valid = webhookSignature(SECRET, BODY, SENT_AT);
    const now = at(SENT_AT);
    const rotated = `t=${SENT_AT},v1=${'0'.repeat(64)},${valid.split(',')[1]}`;
    expect(verifyWebhookSignature(SECRET, rotated, BODY, 300, now)).toBe(true);
    for (const header of [undefined, '', 'v1=abc', `t=${SENT_AT}`, `t=${SENT_AT},v1=xyz`, `t=soon,${valid.split(',')[1]}`,
      `t=${SENT_AT},t=${SENT_AT},${valid.split(',')[1]}`, `t=${SENT_AT},v1=${'a'.repeat(63)}`]) {
      expect(verifyWebhookSignature(SECRET, header, BODY, 300, now), String(header)).toBe(false);
    }
  });
});
