import { describe, expect, it } from "vitest";
import { interpolate } from "../../i18n/i18n.tsx";
import { common } from "../../i18n/messages/common.ts";
import type { NpsReport } from "../../report-types.ts";
import { trendOption } from "./trend-option.ts";

const summary = { nps: 10, n: 1234, promoters: 500, passives: 357, detractors: 377, marginOfError: 4 };
const report: NpsReport = {
  ...summary,
  interval: [6, 14],
  kind: "nps",
  from: "2026-11-01",
  to: "2026-11-30",
  groups: [{ key: "2026-11", keys: {}, ...summary, interval: [6, 14] }],
};

type Tooltip = { tooltip: { formatter: (items: { dataIndex: number }[]) => string } };

describe("trendOption's tooltip", () => {
  it("names the response count in the reader's language, with its thousands separator", () => {
    for (const locale of ["ja", "en"] as const) {
      const t = (key: string, params?: Record<string, string | number>) =>
        interpolate((common[locale] as Record<string, string>)[key] ?? key, params);
      const option = trendOption(report, "month", locale, t) as Tooltip;
      const text = option.tooltip.formatter([{ dataIndex: 0 }]);
      expect(text).toContain(locale === "ja" ? "回答数 1,234" : "n = 1,234");
    }
  });
});
