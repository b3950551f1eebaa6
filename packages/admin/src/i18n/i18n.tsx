// The admin app's language: chosen in the header, remembered in this browser, else the browser's own.
// Pages read their strings through useT(section): the common section plus the page's own.
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from "react";
import type { Locale, Section } from "./define.ts";
import { common } from "./messages/common.ts";

type CommonKey = keyof typeof common.en;
export type Translate<K extends string> = (
  key: K | CommonKey,
  params?: Record<string, string | number>,
) => string;

interface LocaleState {
  locale: Locale;
  setLocale: (locale: Locale) => void;
}

const STORAGE_KEY = "koe.locale";
const LocaleContext = createContext<LocaleState>({ locale: "ja", setLocale: () => {} });

function initialLocale(): Locale {
  const saved = localStorage.getItem(STORAGE_KEY);
  if (saved === "ja" || saved === "en") return saved;
  return navigator.language.toLowerCase().startsWith("en") ? "en" : "ja";
}

export function LocaleProvider({ children }: { children: ReactNode }) {
  const [locale, set] = useState<Locale>(initialLocale);
  const setLocale = useCallback((next: Locale) => {
    localStorage.setItem(STORAGE_KEY, next);
    document.documentElement.lang = next;
    set(next);
  }, []);
  document.documentElement.lang = locale;
  const value = useMemo(() => ({ locale, setLocale }), [locale, setLocale]);
  return <LocaleContext.Provider value={value}>{children}</LocaleContext.Provider>;
}

export const useLocale = () => useContext(LocaleContext);

export function interpolate(text: string, params?: Record<string, string | number>): string {
  return params
    ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m))
    : text;
}

export function useT<K extends string = never>(section?: Section<K>): Translate<K> {
  const { locale } = useLocale();
  return useCallback(
    (key, params) => {
      const own = section?.[locale] as Record<string, string> | undefined;
      const text = own?.[key] ?? (common[locale] as Record<string, string>)[key] ?? key;
      return interpolate(text, params);
    },
    [locale, section],
  );
}
