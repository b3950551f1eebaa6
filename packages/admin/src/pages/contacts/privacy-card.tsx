// A contact's privacy requests (admins and owners): download everything Koe holds about them as JSON, and
// erase their personal data after typing a confirmation word. Both are recorded in the audit log.
import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { client, ok } from "../../api/client.ts";
import { errorText } from "../../error-text.ts";
import { useT } from "../../i18n/i18n.tsx";
import { Card } from "../../ui/layout-parts.tsx";
import { ErrorDetail } from "../../ui/states.tsx";
import { contactsMessages } from "./messages.ts";

/** Saves `data` as a file the browser downloads. */
function download(name: string, data: unknown) {
  const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: "application/json" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function PrivacyCard({
  contactId,
  onErased,
}: {
  contactId: string;
  onErased: (responses: number) => void;
}) {
  const t = useT(contactsMessages);
  const [exporting, setExporting] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const [erasing, setErasing] = useState(false);
  const exportData = async () => {
    setExporting(true);
    setFailure(undefined);
    try {
      const data = await ok(
        client.GET("/api/v1/contacts/{id}/privacy-export", { params: { path: { id: contactId } } }),
      );
      download(`koe-contact-${contactId}.json`, data);
    } catch (e) {
      setFailure(e);
    } finally {
      setExporting(false);
    }
  };
  return (
    <Card title={t("privacy.title")} className="privacy-card">
      <p className="muted privacy-lead">{t("privacy.lead")}</p>
      <div className="privacy-actions">
        <button type="button" className="button" onClick={exportData} disabled={exporting}>
          {exporting ? t("privacy.exporting") : t("privacy.export")}
        </button>
        <button type="button" className="button button-danger" onClick={() => setErasing(true)}>
          {t("privacy.erase")}
        </button>
      </div>
      {failure !== undefined && (
        <p className="form-failure" role="alert">
          {t("privacy.exportFailed", { message: errorText(t, failure) })} <ErrorDetail error={failure} />
        </p>
      )}
      {erasing && <EraseDialog contactId={contactId} onErased={onErased} onClose={() => setErasing(false)} />}
    </Card>
  );
}

/** Erasing cannot be undone: the button works only once the word is typed. */
function EraseDialog({
  contactId,
  onErased,
  onClose,
}: {
  contactId: string;
  onErased: (responses: number) => void;
  onClose: () => void;
}) {
  const t = useT(contactsMessages);
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const inputId = useId();
  const [typed, setTyped] = useState("");
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const word = t("erase.word");
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
  }, []);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (typed.trim() !== word) return;
    setBusy(true);
    setFailure(undefined);
    try {
      const done = await ok(
        client.POST("/api/v1/contacts/{id}/erase", { params: { path: { id: contactId } } }),
      );
      ref.current?.close();
      onErased(done.responsesAnonymised);
    } catch (err) {
      setFailure(err);
      setBusy(false);
    }
  };
  return (
    <dialog
      ref={ref}
      className="confirm-dialog erase-dialog"
      aria-labelledby={titleId}
      onClose={(e) => e.target === e.currentTarget && onClose()}
    >
      <form onSubmit={submit}>
        <h2 id={titleId}>{t("erase.title")}</h2>
        <p>{t("erase.body")}</p>
        <div className="field">
          <label htmlFor={inputId}>{t("erase.typeLabel", { word })}</label>
          <input
            id={inputId}
            value={typed}
            autoComplete="off"
            spellCheck={false}
            autoFocus
            onChange={(e) => setTyped(e.target.value)}
          />
        </div>
        {failure !== undefined && (
          <p className="form-failure" role="alert">
            {t("erase.failed", { message: errorText(t, failure) })} <ErrorDetail error={failure} />
          </p>
        )}
        <div className="confirm-dialog-actions">
          <button type="button" className="button" onClick={() => ref.current?.close()}>
            {t("action.cancel")}
          </button>
          <button
            type="submit"
            className="button button-danger-solid"
            disabled={typed.trim() !== word || busy}
          >
            {busy ? t("erase.erasing") : t("erase.confirm")}
          </button>
        </div>
      </form>
    </dialog>
  );
}
