import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newWorkspace, openTestDatabase } from "../../../test/database.ts";
import type { OpenDatabase } from "../../db/open.ts";
import { ValidationError } from "../errors.ts";
import {
  findSuppressed,
  getSuppression,
  isSuppressed,
  listSuppressions,
  suppress,
  suppressMany,
  unsuppress,
} from "./suppressions.ts";

let open: OpenDatabase;
let ws: string;

beforeAll(async () => {
  open = await openTestDatabase();
  ws = await newWorkspace(open.db);
});
afterAll(() => open.close());

describe("suppress", () => {
  it("stores the address in lower case and is idempotent", async () => {
    const first = await suppress(open.db, ws, { email: " Hanako@Example.JP ", reason: "unsubscribed" });
    expect(first).toMatchObject({ email: "hanako@example.jp", reason: "unsubscribed", source: null });
    const again = await suppress(open.db, ws, {
      email: "hanako@example.jp",
      reason: "unsubscribed",
      source: "x",
    });
    expect(again).toEqual(first);
    expect(await isSuppressed(open.db, ws, "HANAKO@example.jp")).toBe(true);
    expect(await isSuppressed(open.db, ws, "someone.else@example.jp")).toBe(false);
  });

  it("keeps the stronger reason: complained > bounced > unsubscribed > manual", async () => {
    const email = "ranks@example.com";
    await suppress(open.db, ws, { email, reason: "manual", source: "admin" });
    const upgraded = await suppress(open.db, ws, { email, reason: "bounced", source: "webhook:ses" });
    expect(upgraded).toMatchObject({ reason: "bounced", source: "webhook:ses" });
    expect(await suppress(open.db, ws, { email, reason: "unsubscribed" })).toMatchObject({
      reason: "bounced",
    });
    expect(await suppress(open.db, ws, { email, reason: "complained" })).toMatchObject({
      reason: "complained",
    });
    expect(await suppress(open.db, ws, { email, reason: "bounced" })).toMatchObject({ reason: "complained" });
  });

  it("refuses what is not an address, naming the field", async () => {
    await expect(suppress(open.db, ws, { email: "not-an-address", reason: "manual" })).rejects.toThrow(
      ValidationError,
    );
    await expect(
      suppressMany(open.db, ws, [
        { email: "ok@example.com", reason: "manual" },
        { email: "x".repeat(400) + "@example.com", reason: "manual" },
      ]),
    ).rejects.toMatchObject({ issues: [expect.objectContaining({ path: "[1].email" })] });
  });

  it("suppresses many at once, an address given twice keeping its strongest reason", async () => {
    const other = await newWorkspace(open.db);
    const n = await suppressMany(open.db, other, [
      { email: "one@example.com", reason: "unsubscribed" },
      { email: "ONE@example.com", reason: "complained" },
      { email: "two@example.com", reason: "bounced" },
    ]);
    expect(n).toBe(2);
    expect((await getSuppression(open.db, other, "one@example.com"))?.reason).toBe("complained");
    const found = await findSuppressed(open.db, other, [
      "Two@example.com",
      "three@example.com",
      "one@example.com",
    ]);
    expect([...found].sort()).toEqual(["one@example.com", "two@example.com"]);
    // Tenancy: another workspace's list is its own.
    expect(await isSuppressed(open.db, ws, "two@example.com")).toBe(false);
  });
});

describe("unsuppress", () => {
  it("lifts a suppression, or with onlyReason only that reason's", async () => {
    await suppress(open.db, ws, { email: "lift@example.com", reason: "complained" });
    expect(await unsuppress(open.db, ws, "lift@example.com", { onlyReason: "unsubscribed" })).toBe(false);
    expect(await isSuppressed(open.db, ws, "lift@example.com")).toBe(true);
    expect(await unsuppress(open.db, ws, "Lift@example.com")).toBe(true);
    expect(await unsuppress(open.db, ws, "lift@example.com")).toBe(false);
  });
});

describe("listSuppressions", () => {
  it("pages newest first through every row exactly once, with a reason filter", async () => {
    const listed = await newWorkspace(open.db);
    const emails = Array.from({ length: 7 }, (_, i) => `p${i}@example.com`);
    // One statement: all rows share created_at, so the email must break the tie.
    await suppressMany(
      open.db,
      listed,
      emails.map((email, i) => ({ email, reason: i % 2 ? "bounced" : "unsubscribed" })),
    );
    await suppress(open.db, listed, { email: "later@example.com", reason: "manual" });
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listSuppressions(open.db, listed, { limit: 3, cursor });
      seen.push(...page.data.map((s) => s.email));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen[0]).toBe("later@example.com");
    expect([...seen].sort()).toEqual(["later@example.com", ...emails].sort());
    const bounced = await listSuppressions(open.db, listed, { limit: 50, reason: "bounced" });
    expect(bounced.data).toHaveLength(3);
    await expect(listSuppressions(open.db, listed, { limit: 3, cursor: "nope" })).rejects.toThrow(
      ValidationError,
    );
  });
});
