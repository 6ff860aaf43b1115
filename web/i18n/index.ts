// The UI language (zh-CN by default, English switchable) and the typed translate function.
import { useCallback } from 'react';
import { createSmallStore, useSmallStore } from '../state/small-store.ts';
import { en } from './en.ts';
import { zhCN, type MessageKey } from './zh-CN.ts';

export type { MessageKey } from './zh-CN.ts';
export type Lang = 'zh-CN' | 'en';

const dictionaries: Record<Lang, Record<MessageKey, string>> = { 'zh-CN': zhCN, en };
const STORAGE_KEY = 'yizhangtu.lang';

function initialLang(): Lang {
  try {
    const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
    if (saved === 'en' || saved === 'zh-CN') return saved;
  } catch {
    // Storage may be blocked (private mode, kiosk policies): fall back to the default.
  }
  return 'zh-CN';
}

export const langStore = createSmallStore<Lang>(initialLang());

/** Switches the UI language and remembers it for the next visit. */
export function setLang(lang: Lang): void {
  langStore.set(lang);
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, lang);
  } catch {
    // Not remembering is fine.
  }
  if (typeof document !== 'undefined') document.documentElement.lang = lang;
}

/** Translates `key` in `lang`, filling `{name}` placeholders from `vars`. */
export function translate(lang: Lang, key: MessageKey, vars?: Record<string, string | number>): string {
  const text = dictionaries[lang][key];
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

/** The current language and a translate function bound to it. */
export function useT(): { t: Translate; lang: Lang } {
  const lang = useSmallStore(langStore, (l) => l);
  const t = useCallback<Translate>((key, vars) => translate(lang, key, vars), [lang]);
  return { t, lang };
}

/** Looks up an optional key such as `source.${slug}`, falling back to the raw value for unknown ones. */
export function translateOptional(t: Translate, key: string, fallback: string): string {
  return key in zhCN ? t(key as MessageKey) : fallback;
}
