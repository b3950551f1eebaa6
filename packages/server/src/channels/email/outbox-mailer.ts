// With no SMTP server, mail is kept in the outbox table (listed by the API and the admin app), so the
// product works out of the box. Keyed by Message-ID: storing a message twice keeps one.
import type { Db } from "../../db/open.ts";
import { newId } from "../../domain/ids.ts";
import type { Mailer } from "./mailer.ts";

export function outboxMailer(db: Db): Mailer {
  return {
    kind: "outbox",
    async send(mail, hooks) {
      await hooks.beforeEndOfData(() => {});
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
        })
        .onConflict((oc) => oc.columns(["workspace_id", "message_id"]).doNothing())
        .execute();
    },
    close: async () => {},
  };
}
