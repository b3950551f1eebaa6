// The shape of GET /api/v1/benchmarks, and each figure's industry in the reader's language.
import type { Benchmark, BenchmarkList } from "../../api/types.ts";
import type { Locale } from "../../i18n/define.ts";
import { benchmarkMessages } from "./messages.ts";

export type { Benchmark, BenchmarkList };

export const COUNTRIES = ["JP", "US", "GB", "DE"] as const;
export type Country = (typeof COUNTRIES)[number];

/** The country whose figures a workspace most likely compares with: its time zone, else its language. */
export function defaultCountry(timeZone: string, locale: string): Country {
  if (timeZone === "Asia/Tokyo") return "JP";
  if (timeZone === "Europe/London") return "GB";
  if (timeZone === "Europe/Berlin") return "DE";
  if (timeZone.startsWith("America/")) return "US";
  return locale === "ja" ? "JP" : "US";
}

/**
 * Japanese: the data's own Japanese name (Japanese sources), else the catalogue's name for the industry
 * key (overseas sources are published in English only). English: the data's name, which also says what
 * was sampled ("Banking (13 major banks)"), or with `short` (chart axes) the catalogue's short name.
 */
export function industryName(b: Benchmark, locale: Locale, short = false): string {
  const key = `industry.${b.industry}`;
  const catalogue = benchmarkMessages[locale] as Record<string, string>;
  if (locale === "en") return (short ? catalogue[key] : undefined) ?? b.industryEn;
  return b.industryJa ?? catalogue[key] ?? b.industryEn;
}
