// Writing a note on a contact. While it saves the form is locked; on success the text is cleared and the
// note handed to the timeline; on failure the text stays, with the server's reason beside it.
import { useState, type FormEvent } from "react";
import { client, ok } from "../../api/client.ts";
import type { NoteTimelineEntry } from "../../api/types.ts";
import { errorText } from "../../error-text.ts";
import { formatNumber } from "../../i18n/format.ts";
import { useLocale, useT } from "../../i18n/i18n.tsx";
import { ErrorDetail } from "../../ui/states.tsx";
import { contactsMessages } from "./messages.ts";
import "./timeline.css";

// The server's limit (contact-notes.ts MAX_NOTE), counted the same way: after trimming.
const MAX_NOTE = 5000;

export function NoteForm({
  contactId,
  onSaved,
}: {
  contactId: string;
  onSaved: (note: NoteTimelineEntry) => void;
}) {
  const t = useT(contactsMessages);
  const { locale } = useLocale();
  const [body, setBody] = useState("");
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<{ text: string; cause: unknown } | null>(null);
  const [saved, setSaved] = useState(false);
  const length = body.trim().length;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!length || saving) return;
    setSaving(true);
    setError(null);
    setSaved(false);
    try {
      const note = await ok(
        client.POST("/api/v1/contacts/{id}/notes", {
          params: { path: { id: contactId } },
          body: { body: body.trim() },
        }),
      );
      onSaved({ type: "note", id: note.id, at: note.createdAt, body: note.body, author: note.author });
      setBody("");
      setSaved(true);
    } catch (err) {
      setError({ text: t("note.failed", { message: errorText(t, err) }), cause: err });
    } finally {
      setSaving(false);
    }
  };
  return (
    <form className="note-form" onSubmit={(e) => void submit(e)}>
      <label className="field" htmlFor="note-body">
        <span>{t("note.label")}</span>
        <textarea
          id="note-body"
          value={body}
          maxLength={MAX_NOTE}
          rows={3}
          placeholder={t("note.placeholder")}
          readOnly={saving}
          aria-invalid={error ? true : undefined}
          aria-describedby="note-count"
          onChange={(e) => {
            setBody(e.target.value);
            setSaved(false);
          }}
        />
      </label>
      {error && (
        <p className="form-error" role="alert">
          {error.text}
          <ErrorDetail error={error.cause} />
        </p>
      )}
      <div className="note-actions">
        <span id="note-count" className="field-hint">
          {t("note.count", { count: formatNumber(locale, body.length), max: formatNumber(locale, MAX_NOTE) })}
        </span>
        {saved && (
          <span className="note-saved" role="status">
            {t("note.saved")}
          </span>
        )}
        <button type="submit" className="button button-primary" disabled={!length || saving}>
          {saving ? t("state.saving") : t("note.save")}
        </button>
      </div>
    </form>
  );
}
