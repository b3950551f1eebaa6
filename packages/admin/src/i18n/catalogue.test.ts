// Every catalogue section (i18n/messages/*.ts and each page's messages.ts) gives every key in both
// languages, and the Japanese is really Japanese: not empty, not the English copied over.
import { describe, expect, it } from "vitest";
import type { Section } from "./define.ts";

const modules = {
  ...import.meta.glob<Record<string, Section<string>>>("./messages/*.ts", { eager: true }),
  ...import.meta.glob<Record<string, Section<string>>>("../pages/**/messages.ts", { eager: true }),
};
const sections = Object.entries(modules).flatMap(([file, mod]) =>
  Object.entries(mod).map(([name, section]) => ({ name: `${file} ${name}`, section })),
);

// Words that are the same in both languages: product and metric names, units and symbols.
const sameInBoth = /^(NPS|CSAT|CES|CSV|API|URL|ID|Koe|SMTP|HTML|[\s\d{}=+−\-–.,:;/%()#@…·]*|\{\w+\}.*)$/;
const japanese = /[\u3040-\u30ff\u3400-\u9fff\uff00-\uffef]/;

describe("admin catalogues", () => {
  it("finds the sections", () => {
    expect(sections.length).toBeGreaterThan(1);
  });

  for (const { name, section } of sections) {
    it(`${name}: the same keys in ja and en, none empty`, () => {
      expect(Object.keys(section.ja).sort()).toEqual(Object.keys(section.en).sort());
      for (const [key, text] of Object.entries(section.ja)) expect(text.trim(), `ja ${key}`).not.toBe("");
      for (const [key, text] of Object.entries(section.en)) expect(text.trim(), `en ${key}`).not.toBe("");
    });

    it(`${name}: the Japanese is written in Japanese`, () => {
      const untranslated = Object.entries(section.ja).filter(
        ([key, ja]) => !japanese.test(ja) && !sameInBoth.test(ja) && ja === section.en[key],
      );
      expect(untranslated).toEqual([]);
    });

    it(`${name}: placeholders match`, () => {
      const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      for (const key of Object.keys(section.en)) {
        expect(names(section.ja[key] ?? ""), key).toEqual(names(section.en[key] ?? ""));
      }
    });
  }
});
