// What an admin does to a touchpoint from its page: edit it, archive it (after a confirmation: it keeps
// its answers and reports, and takes no new campaigns or triggers) or unarchive it. Roles that may not
// change touchpoints see none of it.
import { useState } from "react";
import { client, ok } from "../../api/client.ts";
import { errorText } from "../../error-text.ts";
import { formatDate } from "../../i18n/format.ts";
import { useLocale, useT } from "../../i18n/i18n.tsx";
import { useSignedIn } from "../../session.tsx";
import { ConfirmDialog } from "../../ui/confirm-dialog.tsx";
import { ErrorDetail } from "../../ui/states.tsx";
import { useTouchpoints, type Touchpoint } from "../../workspace-data.ts";
import { canEditTouchpoints, teamsOf, TouchpointDialog } from "./touchpoint-dialog.tsx";
import { touchpointMessages } from "./messages.ts";

export function TouchpointActions({
  touchpoint: tp,
  onChanged,
}: {
  touchpoint: Touchpoint;
  onChanged: (tp: Touchpoint) => void;
}) {
  const t = useT(touchpointMessages);
  const role = useSignedIn().user.role;
  const all = useTouchpoints();
  const [editing, setEditing] = useState(false);
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  if (!canEditTouchpoints(role)) return null;

  const toggleArchive = async () => {
    setBusy(true);
    setFailure(undefined);
    try {
      const path = tp.archived ? "/api/v1/touchpoints/{id}/unarchive" : "/api/v1/touchpoints/{id}/archive";
      onChanged(await ok(client.POST(path, { params: { path: { id: tp.id } } })));
    } catch (e) {
      setFailure(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="tp-actions">
      <button type="button" className="button" onClick={() => setEditing(true)}>
        {t("action.edit")}
      </button>
      {tp.archived ? (
        <button type="button" className="button" onClick={toggleArchive} disabled={busy}>
          {busy && <span className="spinner" aria-hidden="true" />}
          {t("archive.unarchive")}
        </button>
      ) : (
        <button type="button" className="button" onClick={() => setAsking(true)} disabled={busy}>
          {busy && <span className="spinner" aria-hidden="true" />}
          {t("archive.archive")}
        </button>
      )}
      {failure !== undefined && (
        <p className="form-error tp-actions-error" role="alert">
          {t("archive.failed", { message: errorText(t, failure) })}
          <ErrorDetail error={failure} />
        </p>
      )}
      <ConfirmDialog
        open={asking}
        title={t("archive.confirmTitle", { name: tp.name })}
        body={t("archive.confirmBody")}
        confirmLabel={t("archive.archive")}
        cancelLabel={t("action.cancel")}
        onConfirm={() => void toggleArchive()}
        onClose={() => setAsking(false)}
      />
      {editing && (
        <TouchpointDialog
          touchpoint={tp}
          teams={teamsOf(all.data?.data)}
          onSaved={onChanged}
          onClose={() => setEditing(false)}
        />
      )}
    </div>
  );
}

/** Said on an archived touchpoint's page, above its figures. */
export function ArchivedNote({ touchpoint: tp }: { touchpoint: Touchpoint }) {
  const t = useT(touchpointMessages);
  const { locale } = useLocale();
  if (!tp.archivedAt) return null;
  return (
    <p className="tp-archived-note" role="note">
      <span className="badge badge-quiet">{t("archive.badge")}</span>{" "}
      {t("archive.note", { date: formatDate(locale, tp.archivedAt) })}
    </p>
  );
}

/** The "New touchpoint" button and its dialog, for the roles that may create one. */
export function NewTouchpointButton({ onCreated }: { onCreated: (tp: Touchpoint) => void }) {
  const t = useT(touchpointMessages);
  const role = useSignedIn().user.role;
  const all = useTouchpoints();
  const [open, setOpen] = useState(false);
  if (!canEditTouchpoints(role)) return null;
  return (
    <>
      <button type="button" className="button button-primary" onClick={() => setOpen(true)}>
        {t("form.newButton")}
      </button>
      {open && (
        <TouchpointDialog
          teams={teamsOf(all.data?.data)}
          onSaved={onCreated}
          onClose={() => setOpen(false)}
        />
      )}
    </>
  );
}
