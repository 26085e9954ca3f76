/** Verification codes: 144 random bits, URL-safe; only their SHA-256 is stored, so the table alone verifies nothing. */
import { createHash, randomBytes } from 'node:crypto';

const CODE_BYTES = 18;
/** 18 bytes in base64url: 24 characters of A–Z a–z 0–9 - _. */
const CODE = /^[A-Za-z0-9_-]{24}$/;

export function newLetterCode(): string {
  return randomBytes(CODE_BYTES).toString('base64url');
}

/** Whether `text` could be a code at all: anything else is unknown without a database read. */
export function isLetterCode(text: string): boolean {
  return CODE.test(text);
}

export function hashLetterCode(code: string): string {
  return createHash('sha256').update(code, 'utf8').digest('hex');
}

/** `<base>/verify/<code>`, the address the QR code holds. */
export function verifyUrl(base: URL, code: string): string {
  return new URL(`${base.pathname.replace(/\/$/, '')}/verify/${code}`, base).href;
}
