// What a trigger test found: the verdict, every reason it would not fire (or its email would not go), each
// condition against the sample's value, and who the contact is.
import { formatDateTime } from "../../i18n/format.ts";
import { useLocale, useT } from "../../i18n/i18n.tsx";
import type { Touchpoint } from "../../workspace-data.ts";
import { triggerMessages } from "./messages.ts";
import type { Condition, DryRunReason, TriggerDryRun } from "./trigger-types.ts";

const show = (v: unknown) => JSON.stringify(v);

/** A condition in signs every reader knows: = "pro", ∈ {…}, ≥ 5000, 10 – 20. */
export function conditionText(c: Condition): string {
  if (typeof c !== "object") return `= ${show(c)}`;
  if ("in" in c) return `∈ { ${c.in.map(show).join(", ")} }`;
  if (c.gte !== undefined && c.lte !== undefined) return `${c.gte} – ${c.lte}`;
  return c.gte !== undefined ? `≥ ${c.gte}` : `≤ ${c.lte}`;
}

export function DryRunResult({
  result: r,
  eventTypes,
  touchpoints,
}: {
  result: TriggerDryRun;
  /** The trigger's event name and the sample's, as tested. */
  eventTypes: { expected: string; actual: string };
  touchpoints: Touchpoint[];
}) {
  const t = useT(triggerMessages);
  const { locale } = useLocale();
  const when = (iso: string) => formatDateTime(locale, iso);
  const d = r.delivery;
  const tone = !r.fires ? "bad" : d?.decision === "send" ? "good" : "mid";
  const headline = !r.fires
    ? t("verdict.no")
    : d?.decision === "postpone" && d.until
      ? t("verdict.postpone", { until: when(d.until) })
      : d?.decision === "skip"
        ? t("verdict.skip")
        : t("verdict.send", {
            when:
              d && new Date(d.dueAt).getTime() - Date.now() > 60_000
                ? t("verdict.at", { time: when(d.dueAt) })
                : t("verdict.atOnce"),
          });
  const nameOf = (id: string) => touchpoints.find((tp) => tp.id === id)?.name ?? id;
  const valueText = (key: string, v: string | number | boolean | null) =>
    v === null ? t("result.missing") : key === "touchpoint" && typeof v === "string" ? nameOf(v) : show(v);
  const reasonText = (reason: DryRunReason) => {
    if (reason.code === "condition" && reason.key) {
      const c = r.conditions.find((x) => x.key === reason.key);
      if (!c || c.value === null) return t("reason.conditionMissing", { key: reason.key });
      const range = typeof c.condition === "object" && !("in" in c.condition);
      return t(range && typeof c.value !== "number" ? "reason.conditionNotNumber" : "reason.condition", {
        key: c.key,
        value: valueText(c.key, c.value),
        condition: c.key === "touchpoint" ? nameOf(String(c.condition)) : conditionText(c.condition),
      });
    }
    if (reason.code === "event_type") return t("reason.event_type", eventTypes);
    return t(`reason.${reason.code}`);
  };
  const who = r.contact.name
    ? `${r.contact.name} <${r.contact.email ?? t("contact.noEmail")}>`
    : (r.contact.email ?? t("contact.noEmail"));
  return (
    <div className="trigger-result">
      <div className={`trigger-verdict trigger-verdict-${tone}`} role="status">
        {headline}
        <small>{t("verdict.nothingSent")}</small>
      </div>
      {r.reasons.length > 0 && (
        <>
          <h3>{t("verdict.why")}</h3>
          <ul className="trigger-reasons">
            {r.reasons.map((reason, i) => (
              <li key={i}>{reasonText(reason)}</li>
            ))}
          </ul>
        </>
      )}
      {r.conditions.length > 0 && (
        <>
          <h3>{t("result.conditions")}</h3>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("result.key")}</th>
                  <th scope="col">{t("result.condition")}</th>
                  <th scope="col">{t("result.value")}</th>
                  <th scope="col">{t("result.holds")}</th>
                </tr>
              </thead>
              <tbody>
                {r.conditions.map((c) => (
                  <tr key={c.key}>
                    <td>
                      <code>{c.key}</code>
                    </td>
                    <td>
                      <code>
                        {c.key === "touchpoint" ? nameOf(String(c.condition)) : conditionText(c.condition)}
                      </code>
                    </td>
                    <td>
                      <code>{valueText(c.key, c.value)}</code>
                    </td>
                    <td>
                      <span className={`badge ${c.holds ? "badge-good" : "badge-bad"}`}>
                        {c.holds ? t("result.pass") : t("result.fail")}
                      </span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      <h3>{t("result.contact")}</h3>
      <p>{r.contact.match === "unknown" ? t("contact.unknown") : t(`contact.${r.contact.match}`, { who })}</p>
    </div>
  );
}
