/** `matches`: a regular expression test on bounded input, refusing patterns that could backtrack for ever. */
import { isSafePattern } from './regex-safety.ts';

const MAX_PATTERN = 200;
const MAX_INPUT = 10_000;
const CACHE_LIMIT = 500;
/** `g` and `y` are left out: they make a cached RegExp's `test` depend on its previous call. */
const FLAGS = /^[imsu]*$/;

/** Compiled patterns, or null for a refused one, so a refusal is not re-analysed on every write. */
const cache = new Map<string, RegExp | null>();

function compile(pattern: string, flags: string): RegExp | null {
  const key = `${flags}/${pattern}`;
  if (cache.has(key)) return cache.get(key)!;
  let regExp: RegExp | null = null;
  try {
    if (isSafePattern(pattern, flags)) regExp = new RegExp(pattern, flags);
  } catch {
    regExp = null; // not a valid pattern or flags
  }
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  cache.set(key, regExp);
  return regExp;
}

/** [input, pattern, flags?]: false for anything not a string, too long, or a refused pattern. */
export function matches(input: unknown, pattern: unknown, flags?: unknown): boolean {
  const flagText = flags === undefined || flags === null ? '' : flags;
  if (typeof input !== 'string' || typeof pattern !== 'string' || typeof flagText !== 'string') return false;
  if (input.length > MAX_INPUT || pattern.length > MAX_PATTERN || !FLAGS.test(flagText)) return false;
  return compile(pattern, flagText)?.test(input) ?? false;
}
