import { describe, expect, it } from "vitest";
import { en } from "./en.ts";
import { ja } from "./ja.ts";
import { localeFromHeader, t } from "./messages.ts";

describe("catalogues", () => {
  it("have the same keys and the same placeholders in ja and en", () => {
    expect(Object.keys(ja).sort()).toEqual(Object.keys(en).sort());
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      const vars = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
      expect(vars(ja[key]), key).toEqual(vars(en[key]));
    }
  });

  it("use the NPS scale labels of JAPANESE.md", () => {
    expect(t("ja", "score.nps.low")).toBe("まったく薦めない");
    expect(t("ja", "score.nps.high")).toBe("非常に薦めたい");
    expect(t("en", "score.legend", { min: 0, max: 10 })).toBe("Choose a score from 0 to 10");
  });

  it("pick the locale from Accept-Language by weight", () => {
    expect(localeFromHeader("fr-FR,fr;q=0.9,ja;q=0.8,en;q=0.7", "en")).toBe("ja");
    expect(localeFromHeader("en-US,en;q=0.9,ja;q=0.5", "ja")).toBe("en");
    expect(localeFromHeader("de", "ja")).toBe("ja");
    expect(localeFromHeader(undefined, "en")).toBe("en");
  });
});
