// The PostgreSQL import path: its rows skip the per-row foreign-key checks only after it has checked and
// locked every row they reference, and a role that may not skip them imports the same way, checked.
import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { newNpsSurvey, onPostgres } from "../../test/database.ts";
import { openPrivateDatabase } from "../../test/private-database.ts";
import { openPostgres, poolOf, type Db, type OpenDatabase } from "./open.ts";
import { createContact } from "../domain/contacts/contacts.ts";
import { createWorkspace } from "../domain/workspaces/workspaces.ts";
import { copyResponses } from "./copy-responses.ts";
import { importResponses } from "../domain/responses/import-responses.ts";
import type { PreparedResponse } from "../domain/responses/store-responses.ts";

const role = `koe_test_plain_${process.pid}`;
let open: OpenDatabase;
let plain: OpenDatabase;

async function workspace(db: Db) {
  const ws = await createWorkspace(db, { name: "import" });
  const surveyId = await newNpsSurvey(db, ws);
  const contact = await createContact(db, ws, { email: "a@example.com" });
  return { ws, surveyId, contactId: contact.id };
}

const row = (surveyId: string, contactId: string | null, score: number): PreparedResponse => ({
  id: randomUUID(),
  survey_id: surveyId,
  contact_id: contactId,
  touchpoint_id: null,
  channel: "email",
  score,
  segment: score >= 9 ? "promoter" : score >= 7 ? "passive" : "detractor",
  comment: null,
  locale: "en",
  metadata: {},
  source: "import",
  created_at: "2026-11-20T03:00:00Z",
});

async function stored(db: Db, ws: string) {
  const { rows } = await sql<{ responses: number; rolled: number }>`
    select (select count(*)::int from responses where workspace_id = ${ws}) as responses,
           (select coalesce(sum(n), 0)::int from response_rollups where workspace_id = ${ws}) as rolled`.execute(
    db,
  );
  return rows[0];
}

describe.runIf(onPostgres())("importing a batch on PostgreSQL", () => {
  beforeAll(async () => {
    open = await openPrivateDatabase("koe_test_copy");
    const database = (await sql<{ d: string }>`select current_database() as d`.execute(open.db)).rows[0]!.d;
    await sql.raw(`drop role if exists ${role}`).execute(open.db);
    await sql.raw(`create role ${role} login`).execute(open.db);
    await sql.raw(`grant all on all tables in schema public to ${role}`).execute(open.db);
    const url = new URL(poolOf(open.db)!.options.connectionString!);
    url.pathname = `/${database}`;
    url.username = role;
    plain = await openPostgres(url.toString(), 2);
  });
  afterAll(async () => {
    await plain?.close();
    await sql.raw(`drop owned by ${role}`).execute(open.db);
    await open?.close();
    const admin = new pg.Client({ connectionString: inject("testDatabaseUrl") ?? "" });
    await admin.connect();
    await admin.query(`drop role if exists ${role}`).finally(() => admin.end());
  });

  it("stores nothing when a row's contact is gone since it was validated", async () => {
    const { ws, surveyId, contactId } = await workspace(open.db);
    const rows = [row(surveyId, contactId, 9), row(surveyId, randomUUID(), 3), row(surveyId, null, 7)];
    const failed = await copyResponses(open.db, poolOf(open.db)!, ws, rows).catch((e: unknown) => e);
    expect((failed as { code?: string }).code).toBe("23503"); // the foreign key, as a checked copy reports it
    expect(await stored(open.db, ws)).toEqual({ responses: 0, rolled: 0 });
  });

  it("leaves no response pointing at a contact deleted while the import runs", async () => {
    const { ws, surveyId } = await workspace(open.db);
    const contacts = await Promise.all(
      Array.from({ length: 20 }, (_, i) => createContact(open.db, ws, { email: `p${i}@example.com` })),
    );
    const rows = Array.from({ length: 5_000 }, (_, i) => row(surveyId, contacts[i % 20]!.id, i % 11));
    const importing = copyResponses(open.db, poolOf(open.db)!, ws, rows).then(
      () => "stored",
      (e: { code?: string }) => e.code,
    );
    await new Promise((r) => setTimeout(r, 5));
    await open.db
      .deleteFrom("contacts")
      .where("workspace_id", "=", ws)
      .where("id", "=", contacts[7]!.id)
      .execute();
    const outcome = await importing;
    expect(["stored", "23503"]).toContain(outcome);
    const { rows: dangling } = await sql<{ n: number }>`
      select count(*)::int as n from responses r where r.workspace_id = ${ws} and r.contact_id is not null
        and not exists (select 1 from contacts c where c.workspace_id = r.workspace_id and c.id = r.contact_id)`.execute(
      open.db,
    );
    expect(dangling[0]!.n).toBe(0);
    const expected = outcome === "stored" ? 5_000 : 0;
    expect(await stored(open.db, ws)).toEqual({ responses: expected, rolled: expected });
  });

  it("imports the same way for a role that may not skip the checks", async () => {
    const { ws, surveyId, contactId } = await workspace(open.db);
    const input = Array.from({ length: 300 }, (_, i) => ({ surveyId, contactId, score: i % 11 }));
    const result = await importResponses(plain.db, ws, input, new Date());
    expect(result).toMatchObject({ inserted: 300, errors: [] });
    expect(await stored(open.db, ws)).toEqual({ responses: 300, rolled: 300 });
    const bad = await copyResponses(plain.db, poolOf(plain.db)!, ws, [row(surveyId, randomUUID(), 1)]).catch(
      (e: unknown) => e,
    );
    expect((bad as { code?: string }).code).toBe("23503");
  });
});
