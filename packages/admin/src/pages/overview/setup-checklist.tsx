// The first-run checklist on the overview: what a new workspace still needs before its first campaign,
// each step ticked from the workspace's real settings and rows (GET /api/v1/workspace/setup-checklist) with
// a link to where it is done. Shown until every step is done, then once more as "all set" until hidden
// (remembered per workspace in this browser). A demo workspace is seeded, so it shows none.
import { useState } from "react";
import { useGet } from "../../api/hooks.ts";
import type { components } from "../../api/schema.gen.ts";
import { formatNumber } from "../../i18n/format.ts";
import { useLocale, useT } from "../../i18n/i18n.tsx";
import { Link } from "../../router.tsx";
import { useSignedIn } from "../../session.tsx";
import { ErrorNote } from "../../ui/states.tsx";
import { checklistMessages } from "./messages.ts";
import "./setup-checklist.css";

type Step = components["schemas"]["SetupChecklist"]["steps"][number]["step"];

/** Where each step is done. */
const stepPath: Record<Step, string> = {
  senderName: "/settings",
  senderAddress: "/settings",
  postalAddress: "/settings",
  brand: "/settings",
  touchpoint: "/touchpoints",
  survey: "/surveys/new",
  contacts: "/contacts",
  campaign: "/campaigns",
};

const dismissedKey = (workspaceId: string) => `koe.setup-checklist.hidden.${workspaceId}`;

function wasDismissed(workspaceId: string): boolean {
  try {
    return localStorage.getItem(dismissedKey(workspaceId)) === "1";
  } catch {
    return false;
  }
}

export function SetupChecklist() {
  const t = useT(checklistMessages);
  const { locale } = useLocale();
  const workspaceId = useSignedIn().workspace.id;
  const [dismissed, setDismissed] = useState(() => wasDismissed(workspaceId));
  const checklist = useGet(dismissed ? null : "/api/v1/workspace/setup-checklist");
  if (dismissed) return null;
  // Nothing while it loads: most visits find it done or hidden, and a flash of a card would distract.
  if (!checklist.data) {
    return checklist.error && !checklist.loading ? (
      <ErrorNote error={checklist.error} retry={checklist.reload} />
    ) : null;
  }
  const { steps, done, demo } = checklist.data;
  if (demo) return null;
  const doneCount = steps.filter((s) => s.done).length;
  const hide = () => {
    try {
      localStorage.setItem(dismissedKey(workspaceId), "1");
    } catch {
      /* private mode: hidden for this visit only */
    }
    setDismissed(true);
  };
  if (done) {
    return (
      <section className="card setup-card setup-done" aria-labelledby="setup-title">
        <div className="setup-head">
          <div>
            <h2 id="setup-title">
              <span className="setup-tick" aria-hidden="true">
                ✓
              </span>
              {t("doneTitle")}
            </h2>
            <p className="muted">{t("doneText")}</p>
          </div>
          <button type="button" className="button button-small" onClick={hide}>
            {t("dismiss")}
          </button>
        </div>
      </section>
    );
  }
  return (
    <section className="card setup-card" aria-labelledby="setup-title">
      <div className="setup-head">
        <div>
          <h2 id="setup-title">{t("title")}</h2>
          <p className="muted">{t("intro")}</p>
        </div>
        <div className="setup-progress">
          <span>
            {t("progress", {
              done: formatNumber(locale, doneCount),
              total: formatNumber(locale, steps.length),
            })}
          </span>
          <progress max={steps.length} value={doneCount} aria-hidden="true" />
        </div>
      </div>
      <ol className="setup-steps">
        {steps.map(({ step, done: ticked }) => (
          <li key={step} className={ticked ? "is-done" : undefined}>
            <span className="setup-mark" aria-hidden="true">
              {ticked ? "✓" : ""}
            </span>
            <div className="setup-step">
              <span className="setup-name">{t(`step.${step}`)}</span>
              <span className="visually-hidden">{t(ticked ? "stepDone" : "stepToDo")}</span>
              {!ticked && <span className="setup-hint">{t(`step.${step}.hint`)}</span>}
            </div>
            {!ticked && (
              <Link to={stepPath[step]} className="setup-go">
                {t(`go.${step}`)}
              </Link>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
