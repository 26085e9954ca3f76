/**
 * Renders a `template` document for one record and one locale. Subjects and in-app bodies are plain text (the
 * UI escapes them); the e-mail HTML body is that text HTML-escaped as a whole. Templates are checked against the subset of
 * metadata/src/template-syntax.ts before compiling, so the renderer never runs `each`, `with`, `lookup`,
 * partials or `@data`. Rendering never throws: a template that does not compile or render yields its raw text.
 */
import type { Label, Locale, PicklistOption, TemplateDoc } from '../../../metadata/src/types.ts';
import { scanTemplate, TEMPLATE_HELPERS } from '../../../metadata/src/template-syntax.ts';
import { compileSafe, isolatedHandlebars, type SafeTemplate } from '../templating/safe-handlebars.ts';
import { formatDate, formatMoney, recordLink } from './format.ts';

const handlebars = isolatedHandlebars();

export interface RenderContext {
  /** Base URL for `{{link}}` (see parseBaseUrl); links render empty without one. */
  baseUrl?: URL;
  /** The object of the record rendered, for `{{link}}` without arguments. */
  object?: string;
  /** The options of the picklist field at a record path (`type`, `dealer.tier`), for `{{label …}}`; without it a value shows as stored. */
  optionsAt?: (path: string) => readonly PicklistOption[] | undefined;
}

export interface RenderedNotification {
  subject: string;
  /** Plain text. */
  text: string;
  /** The plain text HTML-escaped as a whole (record values and the template's own text alike), newlines as <br>. */
  html: string;
}

interface Compiled { subject: Fallible; text: Fallible }
type Fallible = { fn?: SafeTemplate; raw: string };

/** Compiled templates by document identity: a deploy gives new document objects, so stale entries just stop being hit. */
const cache = new WeakMap<TemplateDoc, Map<Locale, Compiled>>();

export function renderTemplate(doc: TemplateDoc, record: Record<string, unknown> | undefined, locale: Locale, context: RenderContext = {}): RenderedNotification {
  const compiled = compiledFor(doc, locale);
  const data = plainData(record);
  const helpers = helpersFor(context, data, locale);
  const text = run(compiled.text, data, helpers);
  const html = handlebars.Utils.escapeExpression(text).replace(/\r?\n/g, '<br>\n');
  return { subject: oneLine(run(compiled.subject, data, helpers)), text, html };
}

function compiledFor(doc: TemplateDoc, locale: Locale): Compiled {
  let byLocale = cache.get(doc);
  if (!byLocale) { byLocale = new Map(); cache.set(doc, byLocale); }
  let compiled = byLocale.get(locale);
  if (!compiled) {
    compiled = {
      subject: compile(textOf(doc.subject, locale)),
      text: compile(textOf(doc.body, locale)),
    };
    byLocale.set(locale, compiled);
  }
  return compiled;
}

function textOf(label: Partial<Label> | undefined, locale: Locale): unknown {
  return label?.[locale] ?? label?.['zh-CN'] ?? label?.en ?? '';
}

function compile(template: unknown): Fallible {
  if (typeof template !== 'string') return { raw: '' }; // never compile an object (CVE-2026-33937)
  if (scanTemplate(template).issues.length > 0) return { raw: template };
  try {
    return { fn: compileSafe(handlebars, template, { escape: false, knownHelpers: TEMPLATE_HELPERS, trackIds: true }), raw: template };
  } catch {
    return { raw: template };
  }
}

function run(template: Fallible, data: object, helpers: Record<string, Handlebars.HelperDelegate>): string {
  if (template.fn) {
    try {
      return template.fn(data, helpers);
    } catch { /* fall through to the raw text */ }
  }
  return template.raw;
}

/** The helpers close over this render's record; the last argument handlebars passes is its options object. */
function helpersFor(context: RenderContext, data: Record<string, unknown>, locale: Locale): Record<string, Handlebars.HelperDelegate> {
  return {
    label: (value: unknown, options: Handlebars.HelperOptions & { ids?: unknown[] }) =>
      optionLabels(value, context.optionsAt?.(String(options.ids?.[0] ?? '')), locale),
    date: (value: unknown, ...rest: unknown[]) => formatDate(value, rest.length > 1 && rest[0] === 'datetime' ? 'datetime' : 'date'),
    money: (value: unknown) => formatMoney(value),
    link: (...args: unknown[]) => args.length >= 3
      ? recordLink(context.baseUrl, args[0], idOf(args[1]))
      : recordLink(context.baseUrl, context.object, data.id),
  };
}

/** A picklist value (or a multi-picklist's values) by its options' labels in `locale`; a value with no option as stored. */
function optionLabels(value: unknown, options: readonly PicklistOption[] | undefined, locale: Locale): string {
  const one = (v: unknown) => {
    const label = options?.find((o) => o.value === v)?.label;
    return label ? String(textOf(label, locale)) : v === null || v === undefined ? '' : String(v);
  };
  return Array.isArray(value) ? value.map(one).join(locale === 'zh-CN' ? '、' : ', ') : one(value);
}

/** A lookup value is an id, or an expanded `{ id, … }`. */
function idOf(value: unknown): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>).id : value;
}

/** JSON data only: no getters, functions, class instances or inherited properties reach the template. */
function plainData(record: Record<string, unknown> | undefined): Record<string, unknown> {
  try {
    const copy = JSON.parse(JSON.stringify(record ?? {}));
    return typeof copy === 'object' && copy !== null && !Array.isArray(copy) ? copy : {};
  } catch {
    return {};
  }
}

function oneLine(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').trim().slice(0, 998);
}
