// With no SMTP server, mail is kept in the outbox table (listed by the API and the admin app), so the
// product works out of the box. Keyed by Message-ID: storing a message twice keeps one. The same table
// keeps a copy of every message SMTP sends (`keepMessage`), so the sent-mail log shows what went out.
import { sql } from "kysely";
import type { Db } from "../../db/open.ts";
import { newId } from "../../domain/ids.ts";
import type { Mailer, OutgoingMail } from "./mailer.ts";

/**
 * Stores the rendered message, once per Message-ID. The outbox transport's copy is the message itself, and
 * takes over a row an earlier SMTP attempt left (the operator removed SMTP_URL before the retry).
 *
 * A message rendered for a contact is stored only while the contact exists, in the same statement: an
 * erasure (domain/contacts/erase-contact.ts) skips only queued messages, so one already sending would
 * otherwise leave a fresh copy of the address and the personal links after the erasure deleted the rest.
 * The check takes a share lock on the contact: an erasure in progress (which holds it for update) is
 * waited for, then the contact is gone and nothing is stored; an erasure after us deletes the copy.
 */
export async function keepMessage(db: Db, mail: OutgoingMail, transport: "outbox" | "smtp"): Promise<void> {
  const headers = JSON.stringify({
    From: `${mail.from.name} <${mail.from.address}>`,
    "Message-ID": mail.messageId,
    ...mail.headers,
  });
  const contactStillThere =
    mail.contactId === undefined
      ? sql`true`
      : sql`exists (select 1 from contacts where workspace_id = ${mail.workspaceId} and id = ${mail.contactId}
          for share)`;
  const onConflict = transport === "outbox" ? sql`do update set transport = 'outbox'` : sql`do nothing`;
  await sql`
    insert into outbox (workspace_id, id, message_id, to_address, subject, html, text, headers, transport)
    select ${mail.workspaceId}::uuid, ${newId()}::uuid, ${mail.messageId}, ${mail.to}, ${mail.subject},
      ${mail.html}, ${mail.text}, ${headers}::jsonb, ${transport}
    where ${contactStillThere}
    on conflict (workspace_id, message_id) ${onConflict}`.execute(db);
}

export function outboxMailer(db: Db): Mailer {
  return {
    kind: "outbox",
    async send(mail, hooks) {
      await hooks.beforeEndOfData(() => {});
      await keepMessage(db, mail, "outbox");
    },
    close: async () => {},
  };
}
