/**
 * The one way the engine compiles handlebars: an isolated environment (helpers registered on the global
 * Handlebars never reach it), `knownHelpersOnly`, no prototype access, and only string templates (compiling
 * an object is code execution, CVE-2026-33937). Used by rule messages and notification templates.
 */
import Handlebars from 'handlebars';

export type SafeTemplate = (context: object, helpers?: Record<string, Handlebars.HelperDelegate>) => string;

export const RUNTIME_OPTIONS: Handlebars.RuntimeOptions = { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false };

export interface SafeCompileOptions {
  /** HTML-escape `{{…}}` output (e-mail bodies); off for plain text. */
  escape: boolean;
  /** Helper names beyond the builtins, supplied at render time. */
  knownHelpers?: readonly string[];
  /** Hand helpers the paths of their arguments (`options.ids`), for a helper that needs the field, not only its value. */
  trackIds?: boolean;
}

/** A fresh environment per caller, so no module can add helpers or partials for another. */
export function isolatedHandlebars(): typeof Handlebars {
  return Handlebars.create();
}

/**
 * Compiles and parses now (handlebars compiles lazily). Throws TypeError for a non-string and the parser's
 * error for bad syntax; the caller decides what a broken template renders as.
 */
export function compileSafe(env: typeof Handlebars, template: unknown, options: SafeCompileOptions): SafeTemplate {
  if (typeof template !== 'string') throw new TypeError('A template must be a string');
  const knownHelpers = Object.fromEntries((options.knownHelpers ?? []).map((name) => [name, true]));
  // trackIds is a compile option handlebars' typings leave out.
  const compileOptions: Parameters<typeof Handlebars.compile>[1] & { trackIds: boolean } = {
    noEscape: !options.escape, strict: false, knownHelpersOnly: true, knownHelpers, trackIds: options.trackIds ?? false,
  };
  const fn = env.compile(template, compileOptions);
  const stubs = Object.fromEntries((options.knownHelpers ?? []).map((name) => [name, () => '']));
  fn({}, { ...RUNTIME_OPTIONS, helpers: stubs });
  return (context, helpers) => fn(context, { ...RUNTIME_OPTIONS, helpers: helpers ?? stubs });
}
