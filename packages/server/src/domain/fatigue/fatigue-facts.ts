// What the fatigue rule reads about a batch of contacts: one query each, whatever the batch size, with
// the batch passed as one array parameter (10,000 contacts are still one round trip per fact).
import { sql } from "kysely";
import type { Db } from "../../db/open.ts";

/** The given addresses (lower case) that are on the workspace's suppression list, for any reason. */
export async function getSuppressedEmails(
  db: Db,
  workspaceId: string,
  emails: string[],
): Promise<Set<string>> {
  if (emails.length === 0) return new Set();
  const rows = await db
    .selectFrom("suppressions")
    .select("email")
    .where("workspace_id", "=", workspaceId)
    .where("email", "=", sql<string>`any(${emails}::text[])`)
    .execute();
  return new Set(rows.map((r) => r.email));
}

/** The given contacts that have a follow-up case still open. */
export async function getContactsWithOpenCases(
  db: Db,
  workspaceId: string,
  contactIds: string[],
): Promise<Set<string>> {
  if (contactIds.length === 0) return new Set();
  const rows = await db
    .selectFrom("cases")
    .select("contact_id")
    .distinct()
    .where("workspace_id", "=", workspaceId)
    .where("status", "=", "open")
    .where("contact_id", "=", sql<string>`any(${contactIds}::uuid[])`)
    .execute();
  return new Set(rows.flatMap((r) => (r.contact_id ? [r.contact_id] : [])));
}

/**
 * When each of the given contacts was last surveyed at or after `since`: the later of a send of theirs
 * whose first message went out (`surveyed_at`) and a response of theirs, on any channel. Contacts not
 * surveyed since then are absent. Answers to campaign test sends do not count.
 */
export async function getLastSurveyedSince(
  db: Db,
  workspaceId: string,
  contactIds: string[],
  since: Date,
): Promise<Map<string, Date>> {
  if (contactIds.length === 0) return new Map();
  const { rows } = await sql<{ contact_id: string; at: Date }>`
    select contact_id, max(at) as at from (
      select contact_id, surveyed_at as at from sends
      where workspace_id = ${workspaceId} and contact_id = any(${contactIds}::uuid[])
        and surveyed_at >= ${since.toISOString()}::timestamptz
      union all
      -- An answer to a campaign's test send is the tester's, even when it showed a contact's data.
      select r.contact_id, r.created_at from responses r
      left join sends s on s.workspace_id = r.workspace_id and s.id = r.send_id
      where r.workspace_id = ${workspaceId} and r.contact_id = any(${contactIds}::uuid[])
        and r.created_at >= ${since.toISOString()}::timestamptz
        and (s.metadata ->> 'test') is distinct from 'true'
    ) surveyed
    group by contact_id`.execute(db);
  return new Map(rows.map((r) => [r.contact_id, new Date(r.at)]));
}
