// The five fatigue rules in the order Koe applies them (docs/FATIGUE.md), worded with the values on the
// form, so a change reads as its consequence before it is saved.
import type { Translate } from "../../i18n/i18n.tsx";
import { Card } from "../../ui/layout-parts.tsx";
import type { FatigueValues } from "./fatigue-fields.tsx";
import type { fatigueMessages, settingsMessages } from "./messages.ts";

type T = Translate<keyof typeof settingsMessages.en | keyof typeof fatigueMessages.en>;

export function RulesCard({ values, t }: { values: FatigueValues; t: T }) {
  const quietOff = values.quietStart === values.quietEnd;
  const rules = [
    { text: t("rules.suppressed"), fixed: true },
    { text: t("rules.openCase"), fixed: true },
    { text: t("rules.within24h"), fixed: true },
    { text: t("rules.recent", { days: values.days || "—" }), fixed: false },
    {
      text: quietOff
        ? t("rules.quietOff")
        : t("rules.quiet", { start: values.quietStart, end: values.quietEnd }),
      fixed: false,
    },
  ];
  return (
    <Card title={t("rules.title")} className="rules-card">
      <p className="settings-lead">{t("rules.lead")}</p>
      <ol className="rules-list">
        {rules.map((r, i) => (
          <li key={i} className={r.fixed ? "rule-fixed" : "rule-set"}>
            <span className="rule-number" aria-hidden="true">
              {i + 1}
            </span>
            <span>{r.text}</span>
          </li>
        ))}
      </ol>
    </Card>
  );
}
