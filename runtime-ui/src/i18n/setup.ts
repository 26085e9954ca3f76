/**
 * i18next with zh-CN as the default and en beside it, shared by the web apps (runtime-ui and the studio): each app
 * sets it up with its own namespaces; the language chosen is kept in the browser, one choice for both apps. Labels
 * that come from metadata are picked with `pick`.
 */
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Label } from '../../../metadata/src/types.ts';
import { setApiLanguage } from '../api/client.ts';

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
const STORAGE_KEY = 'qudao.language';

/** Per namespace, its texts in each language; `shell` is the default namespace. */
export type Namespaces = { shell: Record<Language, object> } & Record<string, Record<Language, object>>;

export function setUpI18n(namespaces: Namespaces): typeof i18n {
  // One app's modules loaded into the other (the studio's preview is runtime-ui's form) add their texts: init again would drop the app's own.
  if (i18n.isInitialized) return addNamespaces(namespaces);
  void i18n.use(initReactI18next).init({
    lng: localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh-CN',
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
  return i18n;
}

/** Texts an app already has keep their wording (both apps have a `shell`). */
function addNamespaces(namespaces: Namespaces): typeof i18n {
  for (const lng of LANGUAGES) {
    for (const [ns, texts] of Object.entries(namespaces)) i18n.addResourceBundle(lng, ns, texts[lng], true, false);
  }
  return i18n;
}

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
