// The outbox: mail kept instead of sent when no SMTP server is configured, newest first (the table also
// keeps a copy of what SMTP sent, which the sent-mail log shows; see mail-log.ts).
import type { Db } from "../../db/open.ts";
import { NotFoundError } from "../errors.ts";
import type { OutboxMessage } from "./outbox-schema.ts";

export type { OutboxMessage };

type Row = {
  id: string;
  message_id: string;
  to_address: string;
  subject: string;
  text: string;
  headers: Record<string, string>;
  created_at: Date;
};

export const toOutboxMessage = (r: Row): OutboxMessage => ({
  id: r.id,
  messageId: r.message_id,
  to: r.to_address,
  subject: r.subject,
  text: r.text,
  headers: r.headers,
  createdAt: r.created_at.toISOString(),
});

const columns = ["id", "message_id", "to_address", "subject", "text", "headers", "created_at"] as const;

export async function getOutboxMessage(db: Db, workspaceId: string, id: string): Promise<OutboxMessage> {
  const row = await db
    .selectFrom("outbox")
    .select(columns)
    .where("workspace_id", "=", workspaceId)
    .where("id", "=", id)
    .executeTakeFirst();
  if (!row) throw new NotFoundError(`message ${id} not found in the outbox`);
  return toOutboxMessage(row);
}

export async function listOutbox(
  db: Db,
  workspaceId: string,
  page: { limit: number; after?: string | undefined; to?: string | undefined },
): Promise<Row[]> {
  // Only what the outbox transport kept: SMTP's copies are the sent-mail log's (mail-log.ts).
  let q = db
    .selectFrom("outbox")
    .select(columns)
    .where("workspace_id", "=", workspaceId)
    .where("transport", "=", "outbox");
  if (page.after) q = q.where("id", "<", page.after);
  if (page.to) q = q.where("to_address", "=", page.to.toLowerCase());
  return q
    .orderBy("id", "desc")
    .limit(page.limit + 1)
    .execute();
}

export async function getOutboxHtml(db: Db, workspaceId: string, id: string): Promise<string> {
  const row = await db
    .selectFrom("outbox")
    .select("html")
    .where("workspace_id", "=", workspaceId)
    .where("id", "=", id)
    .executeTakeFirst();
  if (!row) throw new NotFoundError(`message ${id} not found in the outbox`);
  return row.html;
}
