// One contact: who they are (details, tags and attributes), a note form, and their timeline of sends,
// answers and notes. A note saved here goes to the top of the timeline at once. A send's details open over
// the page; `?send=<id>` in the address names the open one, so it can be linked to. Members and up edit
// and delete the contact; admins and owners answer privacy requests (export, erase).
import { useState } from "react";
import { client, ok } from "../../api/client.ts";
import { errorText } from "../../error-text.ts";
import { useGet } from "../../api/hooks.ts";
import type { NoteTimelineEntry, SurveyTimelineEntry } from "../../api/types.ts";
import { ApiError } from "../../api/client.ts";
import { useRecordTitle } from "../../record-title.tsx";
import { formatNumber } from "../../i18n/format.ts";
import { useLocale, useT } from "../../i18n/i18n.tsx";
import type { PageProps } from "../../routes.ts";
import { Link, navigate, setSearch, useLocation } from "../../router.tsx";
import { useSignedIn } from "../../session.tsx";
import { Card, PageHeader } from "../../ui/layout-parts.tsx";
import { ConfirmDialog } from "../../ui/confirm-dialog.tsx";
import { ErrorDetail, Loaded } from "../../ui/states.tsx";
import { canEditContacts, canHandlePrivacy, ContactDialog } from "./contact-dialog.tsx";
import { ContactDetails } from "./contact-details.tsx";
import { ContactTimeline } from "./contact-timeline.tsx";
import { contactsMessages } from "./messages.ts";
import { NoteForm } from "./note-form.tsx";
import { PrivacyCard } from "./privacy-card.tsx";
import { SendDialog } from "./send-dialog.tsx";
import "./contact-page.css";

export default function ContactPage({ params }: PageProps) {
  const id = params.id ?? "";
  // A fresh view per contact, so notes just written on one never show on the next.
  return <ContactView key={id} id={id} />;
}

function ContactView({ id }: { id: string }) {
  const t = useT(contactsMessages);
  const contact = useGet("/api/v1/contacts/{id}", { params: { path: { id } } });
  const timeline = useGet("/api/v1/contacts/{id}/timeline", { params: { path: { id } } });
  const companyId = contact.data?.companyId;
  const company = useGet(companyId ? "/api/v1/companies/{id}" : null, {
    params: { path: { id: companyId ?? "" } },
  });
  const [added, setAdded] = useState<NoteTimelineEntry[]>([]);
  const { role } = useSignedIn().user;
  const canWrite = role !== "viewer";
  const canEdit = canEditContacts(role);
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [deleteFailure, setDeleteFailure] = useState<unknown>();
  const [erased, setErased] = useState<number>();
  const openSendId = useLocation().search.get("send");
  const entries = timeline.data?.data ?? [];
  const openSend = entries.find((e): e is SurveyTimelineEntry => e.type === "send" && e.id === openSendId);
  useRecordTitle(contact.data ? contact.data.name || contact.data.email || undefined : undefined);

  if (erased !== undefined) return <Erased responses={erased} />;
  if (contact.error instanceof ApiError && contact.error.status === 404) return <NotFound />;
  const remove = async () => {
    setDeleteFailure(undefined);
    try {
      await ok(client.DELETE("/api/v1/contacts/{id}", { params: { path: { id } } }));
      navigate("/contacts");
    } catch (e) {
      setDeleteFailure(e);
    }
  };
  const back = (
    <Link to="/contacts" className="back-link">
      ← {t("allContacts")}
    </Link>
  );
  return (
    <>
      {back}
      <Loaded {...contact}>
        {(c) => (
          <>
            <PageHeader
              title={c.name || c.email || t("noName")}
              subtitle={c.name && c.email ? c.email : undefined}
              actions={
                canEdit && (
                  <>
                    <button type="button" className="button" onClick={() => setEditing(true)}>
                      {t("edit")}
                    </button>
                    <button type="button" className="button button-danger" onClick={() => setDeleting(true)}>
                      {t("delete")}
                    </button>
                  </>
                )
              }
            />
            {deleteFailure !== undefined && (
              <p className="form-failure" role="alert">
                {t("delete.failed", { message: errorText(t, deleteFailure) })}{" "}
                <ErrorDetail error={deleteFailure} />
              </p>
            )}
            {editing && (
              <ContactDialog contact={c} onSaved={() => contact.reload()} onClose={() => setEditing(false)} />
            )}
            <ConfirmDialog
              open={deleting}
              title={t("delete.title")}
              body={t("delete.body")}
              confirmLabel={t("delete")}
              cancelLabel={t("action.cancel")}
              danger
              onConfirm={remove}
              onClose={() => setDeleting(false)}
            />
            <div className="contact-layout">
              <ContactDetails
                contact={c}
                company={company.data?.name}
                latest={timeline.data?.data.find((e): e is SurveyTimelineEntry => e.type === "response")}
              >
                {canHandlePrivacy(role) && <PrivacyCard contactId={c.id} onErased={setErased} />}
              </ContactDetails>
              <Card
                title={t("timeline")}
                actions={timeline.data && <TimelineCount count={timeline.data.data.length + added.length} />}
                className="contact-main"
              >
                {canWrite ? (
                  <NoteForm contactId={c.id} onSaved={(note) => setAdded((a) => [note, ...a])} />
                ) : (
                  <p className="muted">{t("note.readOnly")}</p>
                )}
                <Loaded {...timeline}>
                  {(r) => (
                    <ContactTimeline
                      entries={[...added, ...r.data.filter((e) => !added.some((a) => a.id === e.id))]}
                      onOpenSend={(sendId) => setSearch({ send: sendId })}
                    />
                  )}
                </Loaded>
              </Card>
            </div>
            {openSendId && (
              <SendDialog
                key={openSendId}
                sendId={openSendId}
                entry={openSend}
                response={entries.find(
                  (e): e is SurveyTimelineEntry =>
                    e.type === "response" && !!openSend?.responseId && e.id === openSend.responseId,
                )}
                role={role}
                onClose={() => setSearch({ send: null })}
                onAccepted={timeline.reload}
              />
            )}
          </>
        )}
      </Loaded>
    </>
  );
}

function TimelineCount({ count }: { count: number }) {
  const t = useT(contactsMessages);
  const { locale } = useLocale();
  return (
    <span className="muted tl-count">
      {count === 1 ? t("timelineCountOne") : t("timelineCount", { count: formatNumber(locale, count) })}
    </span>
  );
}

/** After an erasure: the contact is gone, their answers stay in reports without them. */
function Erased({ responses }: { responses: number }) {
  const t = useT(contactsMessages);
  const { locale } = useLocale();
  return (
    <div className="contact-not-found" role="status">
      <h1>{t("erase.doneTitle")}</h1>
      <p className="muted">{t("erase.done", { responses: formatNumber(locale, responses) })}</p>
      <Link to="/contacts" className="button">
        {t("allContacts")}
      </Link>
    </div>
  );
}

function NotFound() {
  const t = useT(contactsMessages);
  return (
    <div className="contact-not-found" role="status">
      <h1>{t("notFound")}</h1>
      <p className="muted">{t("notFoundHint")}</p>
      <Link to="/contacts" className="button">
        {t("allContacts")}
      </Link>
    </div>
  );
}
