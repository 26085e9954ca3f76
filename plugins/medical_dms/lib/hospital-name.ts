/**
 * The key hospital names are compared by: the same hospital typed by different dealers (full-width or half-width,
 * with or without spaces, any kind of bracket) gives the same key; a different campus (东院, 西院) stays different.
 */
const WHITESPACE = /[\s\u200b-\u200d]+/gu;
const OPENING_BRACKETS = /[(\[{【〔〖]/gu;
const CLOSING_BRACKETS = /[)\]}】〕〗]/gu;
const PUNCTUATION = /[·•・‧.\-‐‑‒–—―_]/gu;

export function normalizeHospitalName(name: string): string {
  return name
    .normalize('NFKC')
    .replace(WHITESPACE, '')
    .replace(OPENING_BRACKETS, '(')
    .replace(CLOSING_BRACKETS, ')')
    .replace(PUNCTUATION, '')
    .toLowerCase();
}
