/** Interface language: Vietnamese by default, English on request; the tables live in i18n/*.json. */
import en from './i18n/en.json';
import vi from './i18n/vi.json';

export type Lang = 'vi' | 'en';
export type MessageKey = keyof typeof vi;

const TABLES: Record<Lang, Record<MessageKey, string>> = { vi, en };
const STORAGE_KEY = 'dutygraph.lang';

function stored(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi'; // storage blocked (private mode): the default language still works
  }
}

let lang: Lang = stored();

export const currentLang = (): Lang => lang;

export function setLang(next: Lang): void {
  lang = next;
  document.documentElement.lang = next;
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // not remembered across visits; the toggle still applies now
  }
}

/** The message in the current language, with {name} placeholders filled. */
export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  return TABLES[lang][key].replace(/\{(\w+)\}/g, (all, name: string) =>
    name in params ? String(params[name]) : all,
  );
}

/** Picks the English or Vietnamese variant of a data label (falls back to Vietnamese). */
export const pick = (label: { vi: string; en?: string | null }): string =>
  lang === 'en' && label.en ? label.en : label.vi;

/** True when the current table has `key` (for messages chosen by a server code). */
export const hasMessage = (key: string): key is MessageKey => key in TABLES[lang];
