// A catalogue section: the English messages define the keys, the Japanese must give every one of them
// (the compiler refuses a missing or extra key; catalogue.test.ts also refuses empty or copied strings).
export type Locale = "ja" | "en";

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
