/** A validation rule's message: a handlebars template per locale that may name values of the record. */
import { LOCALES, type Label, type Locale } from '../../../metadata/src/types.ts';
import { compileSafe, isolatedHandlebars } from '../templating/safe-handlebars.ts';

/** An isolated environment: helpers registered elsewhere on the global Handlebars never reach rule messages. */
const handlebars = isolatedHandlebars();

/**
 * Compiles both locales up front. A template that is not a string throws (compiling an object is code
 * execution, CVE-2026-33937); a template that does not parse renders as its raw text.
 */
export function compileMessage(template: Label): (record: object) => Label {
  const render = LOCALES.map((locale) => [locale, compileOne(template[locale])] as const);
  return (record) => {
    const out = {} as Record<Locale, string>;
    for (const [locale, fn] of render) out[locale] = fn(record);
    return out;
  };
}

function compileOne(template: unknown): (record: object) => string {
  if (typeof template !== 'string') throw new TypeError('A message template must be a string');
  try {
    // the output is JSON text, not HTML; only the builtins (if, unless, each, with, lookup)
    const fn = compileSafe(handlebars, template, { escape: false });
    return (record) => fn(record);
  } catch {
    return () => template;
  }
}
