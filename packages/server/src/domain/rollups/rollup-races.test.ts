// Races between writers, the rollup job and a time-zone change, on PostgreSQL (PGlite runs one statement
// at a time). Triggers that sleep widen each window so the interleaving is the same every run; they live
// in a database of this file's own, and the product's statements run unchanged.
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OpenDatabase } from "../../db/open.ts";
import { testClient, type TestClient } from "../../../test/app.ts";
import { onPostgres } from "../../../test/database.ts";
import { openPrivateDatabase } from "../../../test/private-database.ts";
import { refreshRollups, refreshRollupsFully } from "./refresh-rollups.ts";

let open: OpenDatabase;
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** 40 answers in November (Tokyo), with a contact that has an attribute, rolled up. */
async function workspace(): Promise<{ c: TestClient; survey: string; contact: string }> {
  const c = await testClient(open.db);
  const survey = (await c.call("POST", "/api/v1/surveys", { name: "n", kind: "nps", question: { ja: "q" } }))
    .body.id as string;
  const contact = (
    await c.call("POST", "/api/v1/contacts", { email: "a@example.com", attributes: { plan: "pro" } })
  ).body.id as string;
  const rows = Array.from({ length: 40 }, (_, i) => ({
    surveyId: survey,
    score: i % 11,
    contactId: contact,
    createdAt: `2026-11-${String(1 + (i % 28)).padStart(2, "0")}T12:00:00Z`,
  }));
  expect((await c.call("POST", "/api/v1/responses", rows)).status).toBe(201);
  await refreshRollupsFully(c.db, { workspaceId: c.workspaceId });
  return { c, survey, contact };
}

/** Statements inserting into `table` sleep after taking their snapshot, before their rows' key checks. */
async function slowInserts(table: string, seconds: number): Promise<() => Promise<void>> {
  await sql
    .raw(
      `create or replace function test_sleep_${table}() returns trigger language plpgsql as $$
       begin perform pg_sleep(${seconds}); return null; end $$`,
    )
    .execute(open.db);
  await sql
    .raw(
      `create trigger test_sleep_${table} before insert on ${table}
       for each statement execute function test_sleep_${table}()`,
    )
    .execute(open.db);
  // Always: the import copies its rows with session_replication_role = replica, which skips ordinary triggers.
  await sql.raw(`alter table ${table} enable always trigger test_sleep_${table}`).execute(open.db);
  return async () => void (await sql.raw(`drop trigger test_sleep_${table} on ${table}`).execute(open.db));
}

describe.runIf(onPostgres())("rollups under concurrent changes (PostgreSQL)", () => {
  beforeAll(async () => {
    open = await openPrivateDatabase("koe_test_rollup_races");
  });
  afterAll(() => open?.close());

  it("a time-zone change while the rollup job runs waits for it instead of deadlocking", async () => {
    const { c, survey, contact } = await workspace();
    const more = [
      { surveyId: survey, score: 9, createdAt: "2026-11-05T12:00:00Z", contactId: contact },
      { surveyId: survey, score: 1, createdAt: "2026-11-06T12:00:00Z" },
    ];
    expect((await c.call("POST", "/api/v1/responses", more)).status).toBe(201);
    const undo = [await slowInserts("attribute_rollups", 0.5), await slowInserts("response_rollups", 1.5)];
    try {
      const job = refreshRollups(c.db, { workspaceId: c.workspaceId });
      await wait(100);
      const patch = await c.call("PATCH", "/api/v1/workspace", { timeZone: "America/New_York" });
      expect(patch.status, JSON.stringify(patch.body)).toBe(200);
      await job;
    } finally {
      for (const u of undo) await u();
    }
  });

  it("an answer stored while the time zone changes is counted on the new zone's day", async () => {
    const { c, survey } = await workspace();
    // 2026-11-20T20:00Z is the 21st in Tokyo and the 20th in New York.
    const undo = await slowInserts("responses", 1);
    try {
      const late = { surveyId: survey, score: 10, createdAt: "2026-11-20T20:00:00Z" };
      const write = c.call("POST", "/api/v1/responses", [late, late]);
      await wait(300);
      expect((await c.call("PATCH", "/api/v1/workspace", { timeZone: "America/New_York" })).status).toBe(200);
      expect((await write).status).toBe(201);
    } finally {
      await undo();
    }
    const report = await c.call("GET", "/api/v1/reports/nps?from=2026-11-20&to=2026-11-21&groupBy=day");
    const days = (report.body.groups as { key: string; n: number }[]).map((g) => [g.key, g.n]);
    const raw = await sql<{ day: string; n: number }>`
      select to_char((created_at at time zone 'America/New_York')::date, 'YYYY-MM-DD') as day, count(*)::int as n
      from responses
      where workspace_id = ${c.workspaceId}
        and (created_at at time zone 'America/New_York')::date between '2026-11-20' and '2026-11-21'
      group by 1 order by 1`.execute(c.db);
    expect(days.filter(([, n]) => Number(n) > 0)).toEqual(raw.rows.map((r) => [r.day, r.n]));
  });

  it("an answer committed while the job recomputes its day keeps its note, so no change is lost", async () => {
    const { c, survey, contact } = await workspace();
    const answer = (score: number) => ({
      surveyId: survey,
      score,
      contactId: contact,
      createdAt: "2026-11-10T03:00:00Z",
    });
    expect((await c.call("POST", "/api/v1/responses", [answer(0), answer(0)])).status).toBe(201);
    const undo = await slowInserts("attribute_rollups", 1);
    try {
      const job = refreshRollups(c.db, { workspaceId: c.workspaceId });
      await wait(300);
      expect((await c.call("POST", "/api/v1/responses", [answer(10), answer(10)])).status).toBe(201);
      await job;
    } finally {
      await undo();
    }
    const q = "/api/v1/reports/nps?from=2026-11-10&to=2026-11-10&attribute.plan=pro";
    const truth = await sql<{ n: number }>`
      select count(*)::int as n from responses
      where workspace_id = ${c.workspaceId} and contact_id is not null
        and (created_at at time zone 'Asia/Tokyo')::date = '2026-11-10'`.execute(c.db);
    expect((await c.call("GET", q)).body.n).toBe(truth.rows[0]?.n);
    await refreshRollupsFully(c.db, { workspaceId: c.workspaceId });
    expect((await c.call("GET", q)).body.n).toBe(truth.rows[0]?.n);
  });
});
