/** A validation rule's message: a handlebars template per locale that may name values of the record. */
import Handlebars from 'handlebars';
import { LOCALES, type Label, type Locale } from '../../../metadata/src/types.ts';

/** An isolated environment: helpers registered elsewhere on the global Handlebars never reach rule messages. */
const handlebars = Handlebars.create();

const COMPILE_OPTIONS: CompileOptions = {
  noEscape: true, // the output is JSON text, not HTML
  strict: false,
  knownHelpersOnly: true, // only the builtins (if, unless, each, with, lookup)
};
const RUNTIME_OPTIONS: Handlebars.RuntimeOptions = { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false };

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
    const fn = handlebars.compile(template, COMPILE_OPTIONS);
    fn({}, RUNTIME_OPTIONS); // handlebars compiles lazily: parse now, not on the first failing record
    return (record) => fn(record, RUNTIME_OPTIONS);
  } catch {
    return () => template;
  }
}
