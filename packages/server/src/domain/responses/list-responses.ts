import { z } from "zod";
import type { Db } from "../../db/open.ts";
import type { ResponseRow } from "../../db/schema.ts";
import { ValidationError } from "../errors.ts";
import { channelSchema, idSchema, pageSchema, type Page } from "../fields.ts";
import { toPage } from "../paging.ts";
import { responseSources, type Response } from "./response-schema.ts";

// Times PostgreSQL can hold (years 1–9999 in UTC); beyond them it refuses the query.
const MIN_TIME = Date.parse("0001-01-01T00:00:00Z");
const MAX_TIME = Date.parse("9999-12-31T23:59:59.999Z");
const inRange = (t: string) => {
  const ms = Date.parse(t);
  return ms >= MIN_TIME && ms <= MAX_TIME;
};
const time = z.iso
  .datetime({ offset: true })
  .or(z.iso.date())
  .refine(inRange, "must be between the years 1 and 9999");

export const responseFilter = pageSchema
  .extend({
    surveyId: idSchema.optional(),
    touchpointId: idSchema.optional(),
    contactId: idSchema.optional(),
    channel: channelSchema.optional(),
    segment: z.enum(["detractor", "passive", "promoter", "unhappy", "neutral", "happy"]).optional(),
    source: z.enum(responseSources).optional(),
    from: time.optional(),
    to: time.optional(),
  })
  .strict();
export type ResponseFilter = z.infer<typeof responseFilter>;

export function toResponse(r: ResponseRow): Response {
  return {
    id: r.id,
    surveyId: r.survey_id,
    contactId: r.contact_id,
    touchpointId: r.touchpoint_id,
    channel: r.channel,
    score: r.score,
    segment: r.segment,
    comment: r.comment,
    contactPreference: r.contact_preference,
    locale: r.locale,
    metadata: r.metadata,
    source: r.source,
    createdAt: r.created_at.toISOString(),
  };
}

// Newest first; the cursor carries (created_at, id) of the last row, since imported history
// has old created_at values but new ids.
const encodeCursor = (r: ResponseRow) =>
  Buffer.from(JSON.stringify([r.created_at.toISOString(), r.id])).toString("base64url");

function decodeCursor(cursor: string): [string, string] {
  try {
    const [t, id] = JSON.parse(Buffer.from(cursor, "base64url").toString()) as unknown[];
    if (typeof t === "string" && typeof id === "string" && idSchema.safeParse(id).success && inRange(t))
      return [t, id];
  } catch {
    /* fall through */
  }
  throw new ValidationError([{ path: "cursor", message: "is not a cursor from this list" }]);
}

export async function listResponses(db: Db, workspaceId: string, f: ResponseFilter): Promise<Page<Response>> {
  let q = db.selectFrom("responses").selectAll().where("workspace_id", "=", workspaceId);
  if (f.surveyId) q = q.where("survey_id", "=", f.surveyId);
  if (f.touchpointId) q = q.where("touchpoint_id", "=", f.touchpointId);
  if (f.contactId) q = q.where("contact_id", "=", f.contactId);
  if (f.channel) q = q.where("channel", "=", f.channel);
  if (f.segment) q = q.where("segment", "=", f.segment);
  if (f.source) q = q.where("source", "=", f.source);
  if (f.from) q = q.where("created_at", ">=", new Date(f.from));
  if (f.to) q = q.where("created_at", "<=", new Date(f.to));
  if (f.cursor) {
    const [t, id] = decodeCursor(f.cursor);
    q = q.where((eb) =>
      eb.or([
        eb("created_at", "<", new Date(t)),
        eb.and([eb("created_at", "=", new Date(t)), eb("id", "<", id)]),
      ]),
    );
  }
  const rows = await q
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(f.limit + 1)
    .execute();
  return toPage(rows, f.limit, toResponse, encodeCursor);
}

export async function getResponse(db: Db, workspaceId: string, id: string): Promise<Response | undefined> {
  const row = await db
    .selectFrom("responses")
    .selectAll()
    .where("workspace_id", "=", workspaceId)
    .where("id", "=", id)
    .executeTakeFirst();
  return row && toResponse(row);
}
