/**
 * A letter's verification code kept sealed (AES-256-GCM) beside its hash, so a reader of the record can get the
 * link again without the table alone giving codes away: the key is derived (HKDF-SHA256) from the installation's
 * secret, and the letter's id is the authenticated data, so a sealed code moved to another row does not open.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import type { InstallationSecretSource } from '../security/installation-secret.ts';

/** The key codes are sealed with; each call gives the same key. */
export type LetterCodeKey = () => Promise<Buffer>;

const IV_BYTES = 12;
const TAG_BYTES = 16;
const PURPOSE = 'qudao letter verification codes';

export function letterCodeKey(secret: InstallationSecretSource): LetterCodeKey {
  let key: Promise<Buffer> | undefined;
  return () => {
    key ??= secret().then(({ value }) => Buffer.from(hkdfSync('sha256', value, '', PURPOSE, 32))).catch((error) => {
      key = undefined;
      throw error;
    });
    return key;
  };
}

/** `iv ‖ tag ‖ ciphertext`, base64url. */
export function sealLetterCode(key: Buffer, letterId: string, code: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv).setAAD(Buffer.from(letterId));
  const sealed = Buffer.concat([cipher.update(code, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64url');
}

/** The code, or undefined when it does not open with this key (the secret changed) or was tampered with. */
export function openLetterCode(key: Buffer, letterId: string, sealed: string): string | undefined {
  const bytes = Buffer.from(sealed, 'base64url');
  if (bytes.length <= IV_BYTES + TAG_BYTES) return undefined;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, IV_BYTES)).setAAD(Buffer.from(letterId));
    decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
  } catch {
    return undefined;
  }
}
