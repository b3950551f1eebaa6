// Stores responses (one or a batch), validated row by row, with the rollups in the same transaction.
import { sql } from "kysely";
import type { Db } from "../../db/open.ts";
import type { EventBus } from "../events/bus.ts";
import { ValidationError } from "../errors.ts";
import { newId } from "../ids.ts";
import { scaleOf, segmentOf, type SurveyKind } from "../scores/scales.ts";
import { responseInput, type ImportResult, type ResponseInput, type RowError } from "./response-schema.ts";
import { insertResponses, type PreparedResponse } from "./store-responses.ts";

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
  events: EventBus,
  workspaceId: string,
  input: unknown[],
  opts: { atomic?: boolean } = {},
): Promise<ImportResult> {
  const errors: RowError[] = [];
  const parsed: { index: number; row: ResponseInput }[] = [];
  input.forEach((raw, index) => {
    const result = responseInput.safeParse(raw);
    if (result.success) parsed.push({ index, row: result.data });
    else
      for (const i of result.error.issues)
        errors.push({ index, path: issuePath(i.path), message: i.message });
  });

  const [surveys, touchpoints, contacts] = await Promise.all([
    idSet(db, "surveys", workspaceId, new Set(parsed.map((p) => p.row.surveyId))),
    idSet(db, "touchpoints", workspaceId, new Set(parsed.flatMap((p) => p.row.touchpointId ?? []))),
    idSet(db, "contacts", workspaceId, new Set(parsed.flatMap((p) => p.row.contactId ?? []))),
  ]);

  const now = new Date().toISOString();
  const prepared: PreparedResponse[] = [];
  for (const { index, row } of parsed) {
    const fail = (path: string, message: string) => errors.push({ index, path, message });
    const survey = surveys.get(row.surveyId);
    if (!survey) {
      fail("surveyId", "no such survey in this workspace");
      continue;
    }
    const kind = survey.kind as SurveyKind;
    const { min, max } = scaleOf(kind);
    if (row.score < min || row.score > max) {
      fail("score", `must be between ${min} and ${max} for a ${kind} survey`);
      continue;
    }
    const touchpoint = row.touchpointId ? touchpoints.get(row.touchpointId) : undefined;
    if (row.touchpointId && !touchpoint) {
      fail("touchpointId", "no such touchpoint in this workspace");
      continue;
    }
    if (row.contactId && !contacts.has(row.contactId)) {
      fail("contactId", "no such contact in this workspace");
      continue;
    }
    prepared.push({
      id: newId(),
      survey_id: row.surveyId,
      contact_id: row.contactId ?? null,
      touchpoint_id: row.touchpointId ?? null,
      channel: row.channel ?? touchpoint?.channel ?? channelOfSource[row.source],
      score: row.score,
      segment: segmentOf(kind, row.score),
      comment: row.comment ?? null,
      locale: row.locale ?? null,
      metadata: row.metadata ?? {},
      source: row.source,
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
    await db.transaction().execute((tx) => insertResponses(tx, workspaceId, prepared));
    await events.emit("response.created", {
      workspaceId,
      responseIds: prepared.map((p) => p.id),
      source: prepared[0]?.source ?? "api",
    });
  }
  return { inserted: prepared.length, ids: prepared.map((p) => p.id), errors };
}
