// Stores responses (one or a batch), validated row by row, with the rollups and response.created events in
// the same transaction.
import { sql } from "kysely";
import type { Db } from "../../db/open.ts";
import { ValidationError } from "../errors.ts";
import { newBatchId } from "./batch-ids.ts";
import { scaleOf, segmentOf, type SurveyKind } from "../scores/scales.ts";
import { responseCopier } from "../../db/copy-responses.ts";
import {
  FUTURE_SLACK_MS,
  responseInput,
  type ImportResult,
  type ResponseInput,
  type ResponseInputRow,
  type RowError,
} from "./response-schema.ts";
import { insertResponses, type PreparedResponse } from "./store-responses.ts";
import { isWellFormedRow } from "./well-formed-row.ts";

/** A response with no touchpoint gets a channel from how it arrived. */
const channelOfSource: Record<ResponseInput["source"], string> = {
  email: "email",
  link: "web",
  widget: "web",
  api: "other",
  import: "other",
};

async function idSet(db: Db, table: "surveys" | "touchpoints" | "contacts", ws: string, ids: Set<string>) {
  if (ids.size === 0) return new Map<string, { kind?: string; channel?: string }>();
  const cols = table === "surveys" ? ["id", "kind"] : table === "touchpoints" ? ["id", "channel"] : ["id"];
  const rows = await sql<{ id: string; kind?: string; channel?: string }>`
    select ${sql.join(cols.map((c) => sql.ref(c)))} from ${sql.table(table)}
    where workspace_id = ${ws} and id = any(${[...ids]}::uuid[])`.execute(db);
  return new Map(rows.rows.map((r) => [r.id, r]));
}

function issuePath(path: PropertyKey[]): string {
  return path.map(String).join(".");
}

export async function importResponses(
  db: Db,
  workspaceId: string,
  input: unknown[],
  /** The clock's time: the created_at of rows that give none, and what no createdAt may be after. */
  at: Date,
  opts: { atomic?: boolean } = {},
): Promise<ImportResult> {
  const errors: RowError[] = [];
  const parsed: { index: number; row: ResponseInputRow }[] = [];
  for (let index = 0; index < input.length; index++) {
    const raw = input[index];
    // Most rows of an import are well formed: checked by hand, without zod's copy of each row.
    if (isWellFormedRow(raw)) {
      parsed.push({ index, row: raw });
      continue;
    }
    const result = responseInput.safeParse(raw);
    if (result.success) parsed.push({ index, row: result.data });
    else
      for (const i of result.error.issues)
        errors.push({ index, path: issuePath(i.path), message: i.message });
  }

  const surveyIds = new Set<string>();
  const touchpointIds = new Set<string>();
  const contactIds = new Set<string>();
  for (const { row } of parsed) {
    // The database gives ids back in lower case; an upper-case id names the same row.
    row.surveyId = row.surveyId.toLowerCase();
    if (row.touchpointId) row.touchpointId = row.touchpointId.toLowerCase();
    if (row.contactId) row.contactId = row.contactId.toLowerCase();
    surveyIds.add(row.surveyId);
    if (row.touchpointId) touchpointIds.add(row.touchpointId);
    if (row.contactId) contactIds.add(row.contactId);
  }
  const [surveys, touchpoints, contacts] = await Promise.all([
    idSet(db, "surveys", workspaceId, surveyIds),
    idSet(db, "touchpoints", workspaceId, touchpointIds),
    idSet(db, "contacts", workspaceId, contactIds),
  ]);

  const now = at.toISOString();
  const latest = at.getTime() + FUTURE_SLACK_MS;
  const prepared: PreparedResponse[] = [];
  const fail = (index: number, path: string, message: string) => errors.push({ index, path, message });
  for (const { index, row } of parsed) {
    if (row.createdAt !== undefined && Date.parse(row.createdAt) > latest) {
      fail(index, "createdAt", "must not be in the future");
      continue;
    }
    const survey = surveys.get(row.surveyId);
    if (!survey) {
      fail(index, "surveyId", "no such survey in this workspace");
      continue;
    }
    const kind = survey.kind as SurveyKind;
    const { min, max } = scaleOf(kind);
    if (row.score < min || row.score > max) {
      fail(index, "score", `must be between ${min} and ${max} for a ${kind} survey`);
      continue;
    }
    const touchpoint = row.touchpointId ? touchpoints.get(row.touchpointId) : undefined;
    if (row.touchpointId && !touchpoint) {
      fail(index, "touchpointId", "no such touchpoint in this workspace");
      continue;
    }
    if (row.contactId && !contacts.has(row.contactId)) {
      fail(index, "contactId", "no such contact in this workspace");
      continue;
    }
    const source = row.source ?? "api";
    prepared.push({
      id: newBatchId(),
      survey_id: row.surveyId,
      contact_id: row.contactId ?? null,
      touchpoint_id: row.touchpointId ?? null,
      channel: row.channel ?? touchpoint?.channel ?? channelOfSource[source],
      score: row.score,
      segment: segmentOf(kind, row.score),
      comment: row.comment ?? null,
      locale: row.locale ?? null,
      metadata: row.metadata ?? {},
      source,
      created_at: row.createdAt ?? now,
    });
  }
  errors.sort((a, b) => a.index - b.index);

  if (opts.atomic && errors.length > 0) {
    throw new ValidationError(
      errors.map((e) => ({ path: `[${e.index}]${e.path ? "." + e.path : ""}`, message: e.message })),
      `${errors.length} invalid row(s); nothing was stored`,
    );
  }
  if (prepared.length > 0) {
    const copy = responseCopier(db);
    // One row keeps insertResponses' single-row statement (and its spread over rollup slots).
    if (copy && prepared.length > 1) await copy(workspaceId, prepared);
    else await db.transaction().execute((tx) => insertResponses(tx, workspaceId, prepared));
  }
  return { inserted: prepared.length, ids: prepared.map((p) => p.id), errors };
}
