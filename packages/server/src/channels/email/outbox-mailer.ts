// With no SMTP server, mail is kept in the outbox table (listed by the API and the admin app), so the
// product works out of the box. Keyed by Message-ID: storing a message twice keeps one. The same table
// keeps a copy of every message SMTP sends (`keepMessage`), so the sent-mail log shows what went out.
import type { Db } from "../../db/open.ts";
import { newId } from "../../domain/ids.ts";
import type { Mailer, OutgoingMail } from "./mailer.ts";

/**
 * Stores the rendered message, once per Message-ID. The outbox transport's copy is the message itself, and
 * takes over a row an earlier SMTP attempt left (the operator removed SMTP_URL before the retry).
 */
export async function keepMessage(db: Db, mail: OutgoingMail, transport: "outbox" | "smtp"): Promise<void> {
  await db
    .insertInto("outbox")
    .values({
      workspace_id: mail.workspaceId,
      id: newId(),
      message_id: mail.messageId,
      to_address: mail.to,
      subject: mail.subject,
      html: mail.html,
      text: mail.text,
      headers: JSON.stringify({
        From: `${mail.from.name} <${mail.from.address}>`,
        "Message-ID": mail.messageId,
        ...mail.headers,
      }),
      transport,
    })
    .onConflict((oc) =>
      transport === "outbox"
        ? oc.columns(["workspace_id", "message_id"]).doUpdateSet({ transport: "outbox" })
        : oc.columns(["workspace_id", "message_id"]).doNothing(),
    )
    .execute();
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
