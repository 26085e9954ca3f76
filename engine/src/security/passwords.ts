/** Password hashing (argon2id) and the password policy. */
import { hash, verify } from '@node-rs/argon2';
import type { FieldError } from '../errors/catalog.ts';

export const PASSWORD_MIN_LENGTH = 10;
const PASSWORD_MAX_LENGTH = 128;
/** A long passphrase is strong without mixing character classes. */
const PASSPHRASE_LENGTH = 16;

/** The ones every cracking list starts with; the class and length rules catch most of the rest. */
const COMMON = new Set(['password1!', 'password123', 'qwerty123!', 'p@ssw0rd123', 'admin12345', 'abc123456!', 'iloveyou1!', 'welcome123', 'changeme123']);

const CLASSES = [/[a-z]/, /[A-Z]/, /\d/, /[^a-zA-Z\d]/];

/** What is wrong with a new password, as field errors on `password` (empty when it is acceptable). */
export function checkPasswordPolicy(password: unknown, username: string): FieldError[] {
  const refuse = (rule: string, zh: string, en: string): FieldError[] => [{ field: 'password', rule, message: { 'zh-CN': zh, en } }];
  if (typeof password !== 'string') return refuse('type', '密码需要是文本', 'the password needs to be a text');
  const length = Array.from(password).length;
  if (length < PASSWORD_MIN_LENGTH) {
    return refuse('min_length', `密码至少 ${PASSWORD_MIN_LENGTH} 个字符`, `the password needs at least ${PASSWORD_MIN_LENGTH} characters`);
  }
  if (length > PASSWORD_MAX_LENGTH) {
    return refuse('max_length', `密码最多 ${PASSWORD_MAX_LENGTH} 个字符`, `the password can have at most ${PASSWORD_MAX_LENGTH} characters`);
  }
  if (length < PASSPHRASE_LENGTH && CLASSES.filter((c) => c.test(password)).length < 3) {
    return refuse('complexity', `少于 ${PASSPHRASE_LENGTH} 个字符的密码需包含小写字母、大写字母、数字、符号中的至少三类`,
      `a password shorter than ${PASSPHRASE_LENGTH} characters needs three of: lower case, upper case, digits, symbols`);
  }
  if (username.length >= 3 && password.toLowerCase().includes(username.toLowerCase())) {
    return refuse('contains_username', '密码不能包含用户名', 'the password must not contain the user name');
  }
  if (COMMON.has(password.toLowerCase())) return refuse('common', '此密码过于常见', 'this password is too common');
  return [];
}

export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

/** A malformed stored hash verifies as false rather than throwing. */
export async function verifyPassword(storedHash: string, password: string): Promise<boolean> {
  try {
    return await verify(storedHash, password);
  } catch {
    return false;
  }
}

/**
 * Verifies against a fixed hash when the user doesn't exist, so that a login for an unknown name costs as much as
 * one for a known name and the timing doesn't tell which names exist.
 */
let decoy: Promise<string> | undefined;
export async function burnVerification(password: string): Promise<void> {
  decoy ??= hash('qudao-decoy-password');
  await verifyPassword(await decoy, password);
}
