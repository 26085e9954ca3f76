/**
 * i18next with zh-CN as the default and en beside it. Each area of the app owns one namespace file
 * (shell.ts, list.ts, record.ts, form.ts, inbox.ts, portal.ts, work.ts); labels that come from metadata are picked with `pick`.
 */
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Label } from '../../../metadata/src/types.ts';
import { setApiLanguage } from '../api/client.ts';
import { shell } from './shell.ts';
import { list } from './list.ts';
import { record } from './record.ts';
import { form } from './form.ts';
import { inbox } from './inbox.ts';
import { portal } from './portal.ts';
import { work } from './work.ts';

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
const STORAGE_KEY = 'qudao.language';

const namespaces = { shell, list, record, form, inbox, portal, work };

function initialLanguage(): Language {
  const stored = localStorage.getItem(STORAGE_KEY);
  return stored === 'en' ? 'en' : 'zh-CN';
}

void i18n.use(initReactI18next).init({
  lng: initialLanguage(),
  fallbackLng: 'zh-CN',
  defaultNS: 'shell',
  ns: Object.keys(namespaces),
  resources: Object.fromEntries(
    LANGUAGES.map((lng) => [lng, Object.fromEntries(Object.entries(namespaces).map(([ns, texts]) => [ns, texts[lng]]))]),
  ),
  interpolation: { escapeValue: false },
});
setApiLanguage(i18n.language);
document.documentElement.lang = i18n.language;

export function changeLanguage(language: Language): void {
  localStorage.setItem(STORAGE_KEY, language);
  setApiLanguage(language);
  document.documentElement.lang = language;
  void i18n.changeLanguage(language);
}

export function currentLanguage(): Language {
  return i18n.language === 'en' ? 'en' : 'zh-CN';
}

/** A metadata label in the UI language, falling back to the other one. */
export function pick(label: Partial<Label> | undefined, language: Language = currentLanguage()): string {
  if (!label) return '';
  return label[language] ?? label['zh-CN'] ?? label.en ?? '';
}

export default i18n;
