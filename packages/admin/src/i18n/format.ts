// Numbers and dates as each language writes them (JAPANESE.md): NPS always signed with a true minus,
// one decimal only beside an interval; dates 2026年11月24日 in Japanese.
import type { Locale } from "./define.ts";

const tag = (locale: Locale) => (locale === "ja" ? "ja-JP" : "en-US");

export function signed(value: number, decimals = 0): string {
  const rounded = Number(value.toFixed(decimals));
  const text = Math.abs(rounded).toFixed(decimals);
  if (rounded > 0) return `+${text}`;
  if (rounded < 0) return `\u2212${text}`;
  return text;
}

export const formatNumber = (locale: Locale, value: number, decimals = 0) =>
  value.toLocaleString(tag(locale), { minimumFractionDigits: decimals, maximumFractionDigits: decimals });

export const formatPercent = (locale: Locale, share: number, decimals = 0) =>
  `${formatNumber(locale, share * 100, decimals)}%`;

// Times are shown on the workspace's clock (its reports' days are its days too), not the browser's.
let displayTimeZone: string | undefined;
export const setDisplayTimeZone = (timeZone: string | undefined) => void (displayTimeZone = timeZone);

/** A day ("2026-11-24", shown as that day wherever the reader is) or an instant (on the workspace's clock). */
export function formatDate(locale: Locale, value: string | Date): string {
  const day = typeof value === "string" && value.length === 10;
  const date = day ? new Date(`${value}T00:00:00Z`) : new Date(value);
  return date.toLocaleDateString(tag(locale), {
    year: "numeric",
    month: locale === "ja" ? "long" : "short",
    day: "numeric",
    timeZone: day ? "UTC" : displayTimeZone,
  });
}

/** `seconds`: for events seconds apart, such as a scanner's clicks on every score of an email. */
export function formatDateTime(locale: Locale, value: string, { seconds = false } = {}): string {
  return new Date(value).toLocaleString(tag(locale), {
    year: "numeric",
    month: locale === "ja" ? "long" : "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    ...(seconds ? { second: "2-digit" } : {}),
    hour12: false,
    timeZone: displayTimeZone,
  });
}

/** A month key "2026-11" as 2026年11月 / Nov 2026. */
export function formatMonth(locale: Locale, key: string): string {
  const [y, m] = key.split("-").map(Number);
  return new Date(y ?? 2000, (m ?? 1) - 1, 1).toLocaleDateString(tag(locale), {
    year: "numeric",
    month: "short",
  });
}
