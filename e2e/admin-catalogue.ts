// The admin app's English UI strings, read from its catalogue sections, to look for on Japanese pages.
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";

const src = fileURLToPath(new URL("../packages/admin/src/", import.meta.url));

function sectionFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && (e.name === "messages.ts" || e.parentPath.endsWith("i18n/messages")))
    .map((e) => `${e.parentPath}/${e.name}`);
}

interface Section {
  en: Record<string, string>;
  ja: Record<string, string>;
}

/**
 * English strings that would give away an untranslated UI: those that differ from their Japanese, cut at
 * placeholders, keeping fragments with a word of four letters or more.
 */
export async function englishUiStrings(): Promise<string[]> {
  const found = new Set<string>();
  for (const file of sectionFiles(src)) {
    const mod = (await import(file)) as Record<string, Section>;
    for (const section of Object.values(mod)) {
      for (const [key, en] of Object.entries(section.en)) {
        if (section.ja[key] === en) continue;
        for (const part of en.split(/\{\w+\}/)) {
          const text = part.trim().replace(/[:：…]+$/, "");
          // Acronyms such as CSAT stand in Japanese text too (顧客満足度（CSAT）).
          if (/[A-Za-z]{4,}/.test(text) && !/^[A-Z]{2,6}$/.test(text)) found.add(text);
        }
      }
    }
  }
  return [...found];
}

/** The strings of `english` that stand in `text` as whole words. */
export function englishIn(text: string, english: string[]): string[] {
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return english.filter((s) => new RegExp(`(^|[^A-Za-z])${escape(s)}($|[^A-Za-z])`).test(text));
}
