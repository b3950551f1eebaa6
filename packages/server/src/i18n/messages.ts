import { en } from "./en.ts";
import { ja } from "./ja.ts";

export type Locale = "ja" | "en";
export type MessageKey = keyof typeof en;

const catalogues: Record<Locale, Record<MessageKey, string>> = { ja, en };

/** A message with {name} placeholders filled in (values are plain text; pages escape them). */
export function t(locale: Locale, key: MessageKey, vars: Record<string, string | number> = {}): string {
  return catalogues[locale][key].replace(/\{(\w+)\}/g, (_, name: string) =>
    String(vars[name] ?? `{${name}}`),
  );
}

/** The first of ja/en the browser asks for; else the fallback. */
export function localeFromHeader(header: string | undefined, fallback: Locale): Locale {
  const wanted = (header ?? "")
    .split(",")
    .map((part) => {
      const [tag = "", q = "q=1"] = part.trim().split(";");
      return { tag: tag.toLowerCase().slice(0, 2), q: Number(q.split("=")[1] ?? 1) };
    })
    .sort((a, b) => b.q - a.q);
  return (wanted.find((w) => w.tag === "ja" || w.tag === "en")?.tag as Locale | undefined) ?? fallback;
}

export function formatDate(locale: Locale, date: Date, timeZone = "Asia/Tokyo"): string {
  return new Intl.DateTimeFormat(locale === "ja" ? "ja-JP" : "en-GB", { dateStyle: "long", timeZone }).format(
    date,
  );
}
