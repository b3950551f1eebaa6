// The question before a launch, saying what will happen: how many people it emails (and who is left out),
// when, and the reminders. A sender without a name, an address or the postal address Japanese law asks
// marketing email to show is said first, with the way to Settings; launching anyway needs a tick.
import { useEffect, useId, useRef, useState } from "react";
import type { components } from "../../api/schema.gen.ts";
import type { Campaign } from "../../api/types.ts";
import { formatDateTime, formatNumber } from "../../i18n/format.ts";
import { useLocale, useT } from "../../i18n/i18n.tsx";
import { Link } from "../../router.tsx";
import { AudienceCountLine, useAudienceCount } from "./audience-fields.tsx";
import { editorMessages } from "./editor-messages.ts";
import "../../ui/confirm-dialog.css";

export type LaunchWarning = components["schemas"]["LaunchWarning"];

/** "sender name, postal address" in the page's language. */
export function useMissingText() {
  const t = useT(editorMessages);
  const { locale } = useLocale();
  return (warnings: LaunchWarning[]) =>
    warnings
      .flatMap((w) => w.missing)
      .map((m) => t(`missing.${m}`))
      .join(locale === "ja" ? "、" : ", ");
}

export function LaunchDialog({
  open,
  campaign,
  warnings,
  onConfirm,
  onClose,
}: {
  open: boolean;
  campaign: Campaign;
  warnings: LaunchWarning[];
  onConfirm: () => void;
  onClose: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog ref={ref} className="confirm-dialog launch-dialog" onClose={onClose} aria-labelledby={titleId}>
      {open && (
        <LaunchBody
          titleId={titleId}
          campaign={campaign}
          warnings={warnings}
          onConfirm={onConfirm}
          onClose={onClose}
        />
      )}
    </dialog>
  );
}

function LaunchBody({
  titleId,
  campaign: c,
  warnings,
  onConfirm,
  onClose,
}: {
  titleId: string;
  campaign: Campaign;
  warnings: LaunchWarning[];
  onConfirm: () => void;
  onClose: () => void;
}) {
  const t = useT(editorMessages);
  const { locale } = useLocale();
  const n = (v: number) => formatNumber(locale, v);
  const missing = useMissingText()(warnings);
  const [acknowledged, setAcknowledged] = useState(false);
  const counted = useAudienceCount(c.audience, c.id);
  const s = c.schedule;
  const when =
    s.kind === "now"
      ? t("launch.when.now")
      : s.kind === "at"
        ? t("launch.when.at", { date: formatDateTime(locale, s.at) })
        : s.startAt
          ? t("launch.when.recurring", { days: n(s.everyDays), date: formatDateTime(locale, s.startAt) })
          : t("launch.when.recurringNow", { days: n(s.everyDays) });
  const blocked = warnings.length > 0 && !acknowledged;
  return (
    <>
      <h2 id={titleId}>{t("launch.title", { name: c.name })}</h2>
      {warnings.length > 0 && (
        <div className="launch-warning" role="alert">
          <p>{t("launch.sender", { missing })}</p>
          <Link to="/settings">{t("launch.senderLink")}</Link>
          <label className="checkbox">
            <input
              type="checkbox"
              checked={acknowledged}
              onChange={(e) => setAcknowledged(e.target.checked)}
            />
            {t("launch.acknowledge")}
          </label>
        </div>
      )}
      <ul className="launch-facts">
        <li>
          {counted.count && !counted.loading ? (
            <>
              <strong>{t("launch.recipients", { n: n(counted.count.reach) })}</strong>
              {(counted.count.withoutEmail > 0 || counted.count.suppressed > 0) && (
                <span className="muted">
                  {" "}
                  {t("launch.left", {
                    matching: n(counted.count.matching),
                    withoutEmail: n(counted.count.withoutEmail),
                    suppressed: n(counted.count.suppressed),
                  })}
                </span>
              )}
            </>
          ) : counted.error !== undefined ? (
            <AudienceCountLine {...counted} />
          ) : (
            <span className="muted">{t("launch.counting")}</span>
          )}
        </li>
        <li>{when}</li>
        <li>
          {c.reminders.count > 0
            ? t("launch.reminders", { count: n(c.reminders.count), days: n(c.reminders.afterDays) })
            : t("launch.noReminders")}
        </li>
        <li className="muted">{t("launch.rules")}</li>
      </ul>
      <div className="confirm-dialog-actions">
        <button type="button" className="button" onClick={onClose} autoFocus>
          {t("launch.notNow")}
        </button>
        <button
          type="button"
          className="button button-primary"
          disabled={blocked}
          onClick={() => {
            onConfirm();
            onClose();
          }}
        >
          {t("launch.confirm")}
        </button>
      </div>
    </>
  );
}
