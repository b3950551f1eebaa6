import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newWorkspace, openTestDatabase } from "../../test/database.ts";
import type { OpenDatabase } from "./open.ts";
import { createCompany } from "../domain/companies/companies.ts";

let open: OpenDatabase;
beforeAll(async () => {
  open = await openTestDatabase();
});
afterAll(() => open.close());

describe("transactions", () => {
  it("keep concurrent transfers isolated: no lost update, no dirty read, failed ones roll back", async () => {
    const { db } = open;
    const ws = await newWorkspace(db);
    const a = await createCompany(db, ws, { name: "A", attributes: { balance: 1000 } });
    const b = await createCompany(db, ws, { name: "B", attributes: { balance: 1000 } });
    const balance = (tx: typeof db, id: string) =>
      sql<{
        v: number;
      }>`select (attributes->>'balance')::int as v from companies where workspace_id = ${ws} and id = ${id} for update`
        .execute(tx)
        .then((r) => r.rows[0]!.v);
    const setBalance = (tx: typeof db, id: string, v: number) =>
      sql`update companies set attributes = jsonb_build_object('balance', ${v}::int) where workspace_id = ${ws} and id = ${id}`.execute(
        tx,
      );

    const transfers = Array.from({ length: 100 }, (_, i) =>
      db
        .transaction()
        .execute(async (tx) => {
          const [from, to] = i % 2 ? [a.id, b.id] : [b.id, a.id];
          // Lock in a fixed order so the real server never deadlocks.
          const first = await balance(tx, a.id < b.id ? a.id : b.id);
          const second = await balance(tx, a.id < b.id ? b.id : a.id);
          const vals = { [a.id < b.id ? a.id : b.id]: first, [a.id < b.id ? b.id : a.id]: second };
          await setBalance(tx, from, vals[from]! - 10);
          await setBalance(tx, to, vals[to]! + 10);
          if (i % 10 === 0) throw new Error("abort this one");
        })
        .catch((e: Error) => e.message),
    );
    // A reader outside the transactions must never see money in flight.
    const sums: number[] = [];
    const reader = (async () => {
      for (let k = 0; k < 20; k++) {
        const r = await sql<{ s: number }>`select sum((attributes->>'balance')::int)::int as s from companies
          where workspace_id = ${ws}`.execute(db);
        sums.push(r.rows[0]!.s);
      }
    })();
    const results = await Promise.all(transfers);
    await reader;
    expect(results.filter((r) => r === "abort this one")).toHaveLength(10);
    expect(new Set(sums)).toEqual(new Set([2000]));
    const final = await sql<{ name: string; v: number }>`select name, (attributes->>'balance')::int as v
      from companies where workspace_id = ${ws} order by name`.execute(db);
    // Committed: 50 odd transfers A→B and 40 even ones B→A (every tenth, all even, rolled back).
    expect(final.rows).toEqual([
      { name: "A", v: 900 },
      { name: "B", v: 1100 },
    ]);
  });
});
