// A catalogue section: the English messages define the keys, the Japanese must give every one of them
// (the compiler refuses a missing or extra key; catalogue.test.ts also refuses empty or copied strings).
import type { Locale } from "@koe/server/shared";

/** The languages the app speaks: the API's own list (@koe/server/shared). */
export type { Locale };

export interface Section<K extends string> {
  en: Record<K, string>;
  ja: Record<K, string>;
}

export function defineMessages<K extends string>(
  en: Record<K, string>,
  ja: NoInfer<Record<K, string>>,
): Section<K> {
  return { en, ja };
}
