import type { Db } from "../../db/open.ts";
import type { SendRow } from "../../db/schema.ts";
import { NotFoundError, ValidationError } from "../errors.ts";
import { newId } from "../ids.ts";
import { findRow } from "../rows.ts";
import { recordEvent, type NewEvent } from "../events/record.ts";
import { scaleOf } from "../scores/scales.ts";
import { assertAcceptsAnswers } from "../surveys/accepts-answers.ts";
import { sendInput, type LinkSigner, type Send, type SendInput } from "./send-schema.ts";
import { signSendToken } from "./token.ts";

export function toSend(r: SendRow, kind: "nps" | "csat" | "ces", links: LinkSigner): Send {
  const token = signSendToken(links.secret, {
    workspaceId: r.workspace_id,
    sendId: r.id,
    expiresAt: r.expires_at,
  });
  const url = `${links.baseUrl}/r/${token}`;
  const { min, max } = scaleOf(kind);
  return {
    id: r.id,
    surveyId: r.survey_id,
    contactId: r.contact_id,
    touchpointId: r.touchpoint_id,
    // Written only through channelSchema, so the text column holds one of its words.
    channel: r.channel as Send["channel"],
    metadata: r.metadata,
    expiresAt: r.expires_at.toISOString(),
    createdAt: r.created_at.toISOString(),
    url,
    scoreUrls: Array.from({ length: max - min + 1 }, (_, i) => `${url}?score=${min + i}`),
  };
}

export async function createSend(
  db: Db,
  workspaceId: string,
  raw: SendInput,
  links: LinkSigner,
  /** The clock's time: the send's creation, from which its link's life is counted. */
  now: Date,
): Promise<Send> {
  const input = sendInput.parse(raw);
  const [survey, contact, touchpoint] = await Promise.all([
    findRow(db, "surveys", workspaceId, input.surveyId),
    input.contactId ? findRow(db, "contacts", workspaceId, input.contactId) : undefined,
    input.touchpointId ? findRow(db, "touchpoints", workspaceId, input.touchpointId) : undefined,
  ]);
  const issues = [];
  if (!survey) issues.push({ path: "surveyId", message: "no such survey in this workspace" });
  if (input.contactId && !contact)
    issues.push({ path: "contactId", message: "no such contact in this workspace" });
  if (input.touchpointId && !touchpoint)
    issues.push({ path: "touchpointId", message: "no such touchpoint in this workspace" });
  if (!survey || issues.length) throw new ValidationError(issues);
  assertAcceptsAnswers(survey, "create the send");
  const row = await db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto("sends")
      .values({
        workspace_id: workspaceId,
        id: newId(),
        survey_id: input.surveyId,
        contact_id: input.contactId ?? null,
        touchpoint_id: input.touchpointId ?? null,
        channel: input.channel,
        metadata: JSON.stringify(input.metadata ?? {}),
        expires_at: new Date(now.getTime() + input.expiresInDays * 86_400_000),
        created_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordEvent(trx, sendCreated(inserted));
    return inserted;
  });
  return toSend(row, survey.kind, links);
}

/** A stored send's send.created event (domain/events/record.ts). */
export const sendCreated = (r: {
  workspace_id: string;
  id: string;
  survey_id: string;
  contact_id: string | null;
  campaign_id?: string | null;
  channel: string;
}): NewEvent<"send.created"> => ({
  workspaceId: r.workspace_id,
  type: "send.created",
  subjectId: r.id,
  payload: {
    surveyId: r.survey_id,
    contactId: r.contact_id,
    campaignId: r.campaign_id ?? null,
    channel: r.channel,
  },
});

export async function getSend(db: Db, workspaceId: string, id: string, links: LinkSigner): Promise<Send> {
  const row = await findSendRow(db, workspaceId, id);
  if (!row) throw new NotFoundError(`send ${id} not found`);
  const survey = await findRow(db, "surveys", workspaceId, row.survey_id);
  return toSend(row, survey?.kind ?? "nps", links);
}

export function findSendRow(db: Db, workspaceId: string, id: string): Promise<SendRow | undefined> {
  return db
    .selectFrom("sends")
    .selectAll()
    .where("workspace_id", "=", workspaceId)
    .where("id", "=", id)
    .executeTakeFirst();
}
