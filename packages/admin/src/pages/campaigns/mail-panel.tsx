// A saved campaign's email: as a sample contact, or a contact the admin finds, would get it (subject, sender,
// the HTML in a sandboxed frame: nothing in it runs), and a test sent to an address the admin types.
import { useEffect, useRef, useState, type FormEvent } from "react";
import { client, ok } from "../../api/client.ts";
import { useGet } from "../../api/hooks.ts";
import type { Contact } from "../../api/types.ts";
import { errorText } from "../../error-text.ts";
import { useT } from "../../i18n/i18n.tsx";
import { useSignedIn } from "../../session.tsx";
import { Field } from "../../ui/field.tsx";
import { Card } from "../../ui/layout-parts.tsx";
import { ErrorDetail, Loaded } from "../../ui/states.tsx";
import { editorMessages } from "./editor-messages.ts";

const labelOf = (c: Contact) => c.name ?? c.email ?? c.externalId ?? c.id;

export function MailPanel({
  campaignId,
  version,
  mayEdit,
}: {
  campaignId: string;
  /** Changes when the saved campaign does: the preview is read again. */
  version: string;
  mayEdit: boolean;
}) {
  const t = useT(editorMessages);
  const [contact, setContact] = useState<Contact>();
  const [search, setSearch] = useState("");
  const [q, setQ] = useState("");
  useEffect(() => {
    const timer = setTimeout(() => setQ(search.trim()), 250);
    return () => clearTimeout(timer);
  }, [search]);
  const found = useGet(q ? "/api/v1/contacts" : null, { params: { query: { q, limit: 8 } } });
  const preview = useGet("/api/v1/campaigns/{id}/preview", {
    params: { path: { id: campaignId }, query: contact ? { contactId: contact.id } : {} },
  });
  // A saved change shows at once: the preview is read again (not on the first render: it was just read).
  const { reload } = preview;
  const shown = useRef(version);
  useEffect(() => {
    if (shown.current === version) return;
    shown.current = version;
    reload();
  }, [version, reload]);
  return (
    <Card title={t("preview.title")} className="campaign-mail">
      <div className="preview-for">
        <Field label={t("preview.for")}>
          {(p) => (
            <input
              {...p}
              type="search"
              value={search}
              placeholder={contact ? labelOf(contact) : t("preview.sample")}
              onChange={(e) => setSearch(e.target.value)}
            />
          )}
        </Field>
        {contact && (
          <button type="button" className="button button-small" onClick={() => setContact(undefined)}>
            {t("preview.sample")}
          </button>
        )}
      </div>
      {q && found.data && (
        <ul className="picker-results" aria-label={t("preview.pick")}>
          {found.data.data.map((c) => (
            <li key={c.id}>
              <span>
                <span className="picker-name">{labelOf(c)}</span>{" "}
                <span className="muted">{c.email ?? t("picker.noEmail")}</span>
              </span>
              <button
                type="button"
                className="button button-small"
                onClick={() => {
                  setContact(c);
                  setSearch("");
                }}
              >
                {t("preview.for")}: {labelOf(c)}
              </button>
            </li>
          ))}
          {found.data.data.length === 0 && <li className="muted">{t("picker.noMatch", { q })}</li>}
        </ul>
      )}
      <Loaded {...preview}>
        {(m) => (
          <div className="mail-preview-box">
            <dl className="mail-head">
              <dt>{t("preview.from")}</dt>
              <dd>
                {m.from.name} &lt;{m.from.address}&gt;
              </dd>
              <dt>{t("preview.to")}</dt>
              <dd>{m.to}</dd>
              <dt>{t("preview.subject")}</dt>
              <dd className="mail-subject">{m.subject}</dd>
            </dl>
            <iframe
              className="mail-frame"
              sandbox=""
              srcDoc={m.html}
              title={t("preview.frame", { to: m.to })}
            />
          </div>
        )}
      </Loaded>
      {mayEdit && <TestSend campaignId={campaignId} contactId={contact?.id} />}
    </Card>
  );
}

function TestSend({ campaignId, contactId }: { campaignId: string; contactId: string | undefined }) {
  const t = useT(editorMessages);
  const me = useSignedIn().user.email;
  const [email, setEmail] = useState(me);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ to: string; transport: "smtp" | "outbox" }>();
  const [failure, setFailure] = useState<unknown>();
  const [invalid, setInvalid] = useState(false);
  const send = async (e: FormEvent) => {
    e.preventDefault();
    setResult(undefined);
    setFailure(undefined);
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim())) return setInvalid(true);
    setInvalid(false);
    setBusy(true);
    try {
      const sent = await ok(
        client.POST("/api/v1/campaigns/{id}/test-send", {
          params: { path: { id: campaignId } },
          body: { email: email.trim(), ...(contactId ? { contactId } : {}) },
        }),
      );
      setResult(sent);
    } catch (err) {
      setFailure(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="test-send" onSubmit={(e) => void send(e)} noValidate>
      <h3>{t("test.title")}</h3>
      <div className="test-send-row">
        <Field
          label={t("test.address")}
          hint={t("test.hint")}
          error={invalid ? t("test.invalid") : undefined}
        >
          {(p) => (
            <input
              {...p}
              type="email"
              autoComplete="email"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
            />
          )}
        </Field>
        <button type="submit" className="button" disabled={busy}>
          {busy && <span className="spinner" aria-hidden="true" />}
          {t(busy ? "test.sending" : "test.send")}
        </button>
      </div>
      {result && (
        <p className="form-ok" role="status">
          {t("test.sent", { to: result.to, transport: t(`transport.${result.transport}`) })}
        </p>
      )}
      {failure !== undefined && (
        <p className="form-error" role="alert">
          {t("test.failed", { message: errorText(t, failure) })}
          <ErrorDetail error={failure} />
        </p>
      )}
    </form>
  );
}
