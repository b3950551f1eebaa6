// A contact's timeline: the surveys sent to them, their answers and the team's notes, newest first.
import { sql } from "kysely";
import type { Db } from "../../db/open.ts";
import { getRow } from "../rows.ts";

/** A send or a response, named so the page need not look its survey and touchpoint up. */
export interface SurveyTimelineEntry {
  type: "send" | "response";
  id: string;
  at: string;
  surveyId: string;
  surveyName: string;
  touchpointId: string | null;
  touchpointName: string | null;
  channel: string;
  score?: number;
  segment?: string;
  comment?: string | null;
}

export interface NoteTimelineEntry {
  type: "note";
  id: string;
  at: string;
  body: string;
  author: string;
}

export type TimelineEntry = SurveyTimelineEntry | NoteTimelineEntry;

interface Row {
  type: TimelineEntry["type"];
  id: string;
  at: Date;
  survey_id: string | null;
  survey_name: string | null;
  touchpoint_id: string | null;
  touchpoint_name: string | null;
  channel: string | null;
  score: number | null;
  segment: string | null;
  comment: string | null;
  body: string | null;
  author: string | null;
}

function toEntry(r: Row): TimelineEntry {
  const at = r.at.toISOString();
  if (r.type === "note") return { type: "note", id: r.id, at, body: r.body ?? "", author: r.author ?? "" };
  return {
    type: r.type,
    id: r.id,
    at,
    surveyId: r.survey_id ?? "",
    surveyName: r.survey_name ?? "",
    touchpointId: r.touchpoint_id,
    touchpointName: r.touchpoint_name,
    channel: r.channel ?? "",
    ...(r.type === "response"
      ? { score: r.score as number, segment: r.segment as string, comment: r.comment }
      : {}),
  };
}

export async function getContactTimeline(
  db: Db,
  workspaceId: string,
  contactId: string,
  limit = 100,
): Promise<TimelineEntry[]> {
  await getRow(db, "contacts", workspaceId, contactId); // 404 for another workspace's contact
  const { rows } = await sql<Row>`
    select e.*, s.name as survey_name, t.name as touchpoint_name
    from (
      (select 'send' as type, id, created_at as at, survey_id, touchpoint_id, channel,
              null::smallint as score, null::text as segment, null::text as comment,
              null::text as body, null::text as author
       from sends where workspace_id = ${workspaceId} and contact_id = ${contactId}
       order by created_at desc limit ${limit})
      union all
      (select 'response', id, created_at, survey_id, touchpoint_id, channel, score, segment, comment,
              null, null
       from responses where workspace_id = ${workspaceId} and contact_id = ${contactId}
       order by created_at desc limit ${limit})
      union all
      (select 'note', id, created_at, null, null, null, null, null, null, body, author_name
       from contact_notes where workspace_id = ${workspaceId} and contact_id = ${contactId}
       order by created_at desc limit ${limit})
      order by at desc, type, id desc limit ${limit}
    ) e
    left join surveys s on s.workspace_id = ${workspaceId} and s.id = e.survey_id
    left join touchpoints t on t.workspace_id = ${workspaceId} and t.id = e.touchpoint_id
    order by e.at desc, e.type, e.id desc`.execute(db);
  return rows.map(toEntry);
}
