/**
 * A letter's words: its `template` document rendered for one record, title from the template's subject and body
 * from its body, in both languages. Rendering goes through the notifications' renderer (the safe handlebars setup,
 * the fixed helper set); the result is plain text, stored as issued.
 */
import type { Locale, ObjectDoc, TemplateDoc } from '../../../metadata/src/types.ts';
import { renderTemplate } from '../notifications/render.ts';

export interface LetterText {
  title: string;
  body: string;
}

export type LetterContent = Record<Locale, LetterText>;

const LOCALES: readonly Locale[] = ['zh-CN', 'en'];

export function renderLetterContent(template: TemplateDoc, record: Record<string, unknown>, baseUrl: URL): LetterContent {
  const render = (locale: Locale): LetterText => {
    const { subject, text } = renderTemplate(template, record, locale, { baseUrl, object: template.object });
    return { title: subject, body: text };
  };
  return Object.fromEntries(LOCALES.map((locale) => [locale, render(locale)])) as LetterContent;
}

/** Whom the letter is for, as people read it: the object's title field (or `name`), else the record id. */
export function recordTitle(object: Pick<ObjectDoc, 'titleField'>, record: Record<string, unknown>): string {
  const value = record[object.titleField ?? 'name'];
  return typeof value === 'string' && value.trim() ? value.trim() : String(record.id);
}

