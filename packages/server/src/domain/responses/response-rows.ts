// The one query behind the responses feed and the CSV export: filters, newest first, a keyset page,
// with the names of each response's survey, touchpoint and contact.
import { sql } from "kysely";
import type { Db } from "../../db/open.ts";
import { workspaceTimeZone } from "../reports/day-range.ts";
import { containsPattern } from "../like-pattern.ts";
import type { ResponseConditions, ResponseKey } from "./response-filter.ts";

const isDay = (t: string) => /^\d{4}-\d{2}-\d{2}$/.test(t);

export async function selectResponseRows(
  db: Db,
  workspaceId: string,
  f: ResponseConditions,
  page: { after?: ResponseKey | undefined; limit: number },
) {
  let q = db
    .selectFrom("responses as r")
    .innerJoin("surveys as s", (j) =>
      j.onRef("s.workspace_id", "=", "r.workspace_id").onRef("s.id", "=", "r.survey_id"),
    )
    .leftJoin("touchpoints as tp", (j) =>
      j.onRef("tp.workspace_id", "=", "r.workspace_id").onRef("tp.id", "=", "r.touchpoint_id"),
    )
    .leftJoin("contacts as ct", (j) =>
      j.onRef("ct.workspace_id", "=", "r.workspace_id").onRef("ct.id", "=", "r.contact_id"),
    )
    .leftJoin("companies as co", (j) =>
      j.onRef("co.workspace_id", "=", "ct.workspace_id").onRef("co.id", "=", "ct.company_id"),
    )
    .selectAll("r")
    .select([
      "s.name as survey_name",
      "s.kind as survey_kind",
      "tp.name as touchpoint_name",
      "ct.name as contact_name",
      "ct.email as contact_email",
      "ct.phone as contact_phone",
      "co.id as company_id",
      "co.name as company_name",
      // The keyset's time to the microsecond (a JS Date keeps milliseconds: imported history can have more).
      sql<string>`to_char(r.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`.as(
        "created_key",
      ),
    ])
    .where("r.workspace_id", "=", workspaceId);
  if (f.surveyId) q = q.where("r.survey_id", "=", f.surveyId);
  if (f.touchpointId) q = q.where("r.touchpoint_id", "=", f.touchpointId);
  if (f.contactId) q = q.where("r.contact_id", "=", f.contactId);
  if (f.campaignId) {
    const campaignId = f.campaignId;
    q = q.where("r.send_id", "in", (eb) =>
      eb
        .selectFrom("sends")
        .select("id")
        .where("workspace_id", "=", workspaceId)
        .where("campaign_id", "=", campaignId),
    );
  }
  if (f.channel) q = q.where("r.channel", "=", f.channel);
  if (f.segment) q = q.where("r.segment", "=", f.segment);
  if (f.source) q = q.where("r.source", "=", f.source);
  // A date alone is a whole day on the workspace's clock, as in the reports; a time is that instant.
  const zone = workspaceTimeZone(workspaceId);
  if (f.from) {
    q = isDay(f.from)
      ? q.where(sql<boolean>`r.created_at >= (${f.from}::date::timestamp at time zone ${zone})`)
      : q.where("r.created_at", ">=", sql<Date>`${f.from}::timestamptz`);
  }
  if (f.to) {
    q = isDay(f.to)
      ? q.where(sql<boolean>`r.created_at < ((${f.to}::date + 1)::timestamp at time zone ${zone})`)
      : q.where("r.created_at", "<=", sql<Date>`${f.to}::timestamptz`);
  }
  if (f.contactPreference === "any") q = q.where("r.contact_preference", "in", ["phone", "email"]);
  else if (f.contactPreference) q = q.where("r.contact_preference", "=", f.contactPreference);
  if (f.testimonial === "true") q = q.where("r.testimonial_consent_text", "is not", null);
  if (f.testimonial === "false") q = q.where("r.testimonial_consent_text", "is", null);
  if (f.scoreMin !== undefined) q = q.where("r.score", ">=", f.scoreMin);
  if (f.scoreMax !== undefined) q = q.where("r.score", "<=", f.scoreMax);
  if (f.q) q = q.where("r.comment", "ilike", containsPattern(f.q));
  if (f.team) {
    const team = f.team;
    q = q.where("r.touchpoint_id", "in", (eb) =>
      eb
        .selectFrom("touchpoints")
        .select("id")
        .where("workspace_id", "=", workspaceId)
        .where("team", "=", team),
    );
  }
  const after = page.after;
  if (after) {
    const at = sql<Date>`${after[0]}::timestamptz`;
    q = q.where((eb) =>
      eb.or([eb("r.created_at", "<", at), eb.and([eb("r.created_at", "=", at), eb("r.id", "<", after[1])])]),
    );
  }
  return q.orderBy("r.created_at", "desc").orderBy("r.id", "desc").limit(page.limit).execute();
}

export type ResponseListRow = Awaited<ReturnType<typeof selectResponseRows>>[number];
