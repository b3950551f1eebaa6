import type { Db } from "../../db/open.ts";
import type { ResponseRow } from "../../db/schema.ts";
import type { Page } from "../fields.ts";
import { toPage } from "../paging.ts";
import { decodeCursor, encodeCursor, type ResponseFilter } from "./response-filter.ts";
import { selectResponseRows, type ResponseListRow } from "./response-rows.ts";
import type { Response, ResponseWithContext } from "./response-schema.ts";

export { responseFilter, type ResponseFilter } from "./response-filter.ts";
export type { ResponseWithContext };

export function toResponse(r: ResponseRow): Response {
  return {
    id: r.id,
    surveyId: r.survey_id,
    contactId: r.contact_id,
    touchpointId: r.touchpoint_id,
    // Written only from validated input (channelSchema, segmentOf), so the text columns hold these words.
    channel: r.channel as Response["channel"],
    score: r.score,
    segment: r.segment as Response["segment"],
    comment: r.comment,
    contactPreference: r.contact_preference,
    testimonialConsentText: r.testimonial_consent_text,
    testimonialConsentAt: r.testimonial_consent_at?.toISOString() ?? null,
    locale: r.locale,
    metadata: r.metadata,
    source: r.source,
    createdAt: r.created_at.toISOString(),
  };
}

function withContext(r: ResponseListRow): ResponseWithContext {
  return {
    ...toResponse(r),
    contact: r.contact_id
      ? {
          id: r.contact_id,
          name: r.contact_name,
          email: r.contact_email,
          phone: r.contact_phone,
          company: r.company_id && r.company_name ? { id: r.company_id, name: r.company_name } : null,
        }
      : null,
    touchpoint:
      r.touchpoint_id && r.touchpoint_name ? { id: r.touchpoint_id, name: r.touchpoint_name } : null,
  };
}

export async function listResponses(
  db: Db,
  workspaceId: string,
  f: ResponseFilter,
): Promise<Page<Response | ResponseWithContext>> {
  const { limit, cursor, include, ...conditions } = f;
  const after = cursor ? decodeCursor(cursor) : undefined;
  const rows = await selectResponseRows(db, workspaceId, conditions, { after, limit: limit + 1 });
  const cursorOf = (r: ResponseListRow) => encodeCursor(r.created_key, r.id);
  return toPage(rows, limit, include === "contact" ? withContext : toResponse, cursorOf);
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
