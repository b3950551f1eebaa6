// Finding contacts with GET /api/v1/contacts?q=…: any part of name, email or external id, in any case.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "../../../test/database.ts";
import { testClient, type TestClient } from "../../../test/app.ts";
import type { OpenDatabase } from "../../db/open.ts";

let open: OpenDatabase;
let c: TestClient;
beforeAll(async () => {
  open = await openTestDatabase();
  c = await testClient(open.db);
  const people = [
    { name: "山田 太郎", email: "taro@example.jp", externalId: "CRM-001" },
    { name: "山田花子", email: "hanako@example.jp" },
    { name: "田中 一郎", email: "ichiro@example.jp", externalId: "CRM-002" },
    { name: "Alice O'Brien", email: "Alice.OBrien@Example.com" },
    { name: "Discount 50% club", email: "fifty@example.com" },
    { name: "Discount 500 club", email: "five-hundred@example.com" },
    { name: "snake_case", email: "snake@example.com" },
    { name: "snakeXcase", email: "snakex@example.com" },
    { name: "back\\slash", email: "back@example.com" },
    { name: null, email: "noname@example.com", externalId: "ext_9" },
  ];
  for (const p of people) expect((await c.call("POST", "/api/v1/contacts", p)).status).toBe(201);
  // Another workspace's 山田 must never show.
  const other = await testClient(open.db, {});
  await other.call("POST", "/api/v1/contacts", { name: "山田 三郎", email: "saburo@example.jp" });
});
afterAll(() => open.close());

const names = async (q: string, extra = ""): Promise<(string | null)[]> => {
  const res = await c.call("GET", `/api/v1/contacts?q=${encodeURIComponent(q)}${extra}`);
  expect(res.status).toBe(200);
  return (res.body.data as { name: string | null }[]).map((p) => p.name);
};

describe("GET /api/v1/contacts?q=", () => {
  it("finds 「山田」 inside Japanese names, newest first, only in this workspace", async () => {
    expect(await names("山田")).toEqual(["山田花子", "山田 太郎"]);
    expect(await names("田")).toEqual(["田中 一郎", "山田花子", "山田 太郎"]);
    expect(await names("花子")).toEqual(["山田花子"]);
  });

  it("matches email and external id in any case", async () => {
    expect(await names("obrien@EXAMPLE")).toEqual(["Alice O'Brien"]);
    expect(await names("alice o'")).toEqual(["Alice O'Brien"]);
    expect(await names("crm-00")).toEqual(["田中 一郎", "山田 太郎"]);
    expect(await names("EXT_9")).toEqual([null]);
  });

  it("takes %, _ and \\ literally", async () => {
    expect(await names("50%")).toEqual(["Discount 50% club"]);
    expect(await names("e_c")).toEqual(["snake_case"]);
    expect(await names("\\")).toEqual(["back\\slash"]);
    expect(await names("%")).toEqual(["Discount 50% club"]);
    expect(await names("nobody")).toEqual([]);
  });

  it("pages through matches with the cursor", async () => {
    const first = await c.call("GET", "/api/v1/contacts?q=example.jp&limit=2");
    expect(first.body.data.map((p: { name: string }) => p.name)).toEqual(["田中 一郎", "山田花子"]);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const rest = await names("example.jp", `&limit=2&cursor=${first.body.nextCursor}`);
    expect(rest).toEqual(["山田 太郎"]);
  });

  it("lists everyone for an empty or blank q, and refuses an over-long one", async () => {
    expect(await names("")).toHaveLength(10);
    expect(await names("   ")).toHaveLength(10);
    const long = await c.call("GET", `/api/v1/contacts?q=${"a".repeat(201)}`);
    expect(long.status).toBe(422);
    expect(long.body.errors[0].path).toBe("q");
  });

  it("documents q on the contact list in the OpenAPI document", async () => {
    const doc = (await c.call("GET", "/api/v1/openapi.json")).body;
    const params = doc.paths["/api/v1/contacts"].get.parameters.map((p: { name: string }) => p.name);
    expect(params).toEqual(expect.arrayContaining(["q", "limit", "cursor"]));
  });
});
