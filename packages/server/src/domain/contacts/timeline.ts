// A contact's timeline: the surveys sent to them and their answers, newest first.
import { sql } from "kysely";
import type { Db } from "../../db/open.ts";
import { getRow } from "../rows.ts";

export interface TimelineEntry {
  type: "send" | "response";
  id: string;
  at: string;
  surveyId: string;
  touchpointId: string | null;
  channel: string;
  score?: number;
  segment?: string;
  comment?: string | null;
}

export async function getContactTimeline(
  db: Db,
  workspaceId: string,
  contactId: string,
  limit = 100,
): Promise<TimelineEntry[]> {
  await getRow(db, "contacts", workspaceId, contactId); // 404 for another workspace's contact
  const { rows } = await sql<{
    type: "send" | "response";
    id: string;
    at: Date;
    survey_id: string;
    touchpoint_id: string | null;
    channel: string;
    score: number | null;
    segment: string | null;
    comment: string | null;
  }>`
    (select 'send' as type, id, created_at as at, survey_id, touchpoint_id, channel,
            null::smallint as score, null::text as segment, null::text as comment
     from sends where workspace_id = ${workspaceId} and contact_id = ${contactId}
     order by created_at desc limit ${limit})
    union all
    (select 'response', id, created_at, survey_id, touchpoint_id, channel, score, segment, comment
     from responses where workspace_id = ${workspaceId} and contact_id = ${contactId}
     order by created_at desc limit ${limit})
    order by at desc, type limit ${limit}`.execute(db);
  return rows.map((r) => ({
    type: r.type,
    id: r.id,
    at: r.at.toISOString(),
    surveyId: r.survey_id,
    touchpointId: r.touchpoint_id,
    channel: r.channel,
    ...(r.type === "response"
      ? { score: r.score as number, segment: r.segment as string, comment: r.comment }
      : {}),
  }));
}
