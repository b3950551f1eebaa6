import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "../../../test/database.ts";
import { testClient, type TestClient } from "../../../test/app.ts";
import type { OpenDatabase } from "../../db/open.ts";

let open: OpenDatabase;
let c: TestClient;
beforeAll(async () => {
  open = await openTestDatabase();
  c = await testClient(open.db);
});
afterAll(() => open.close());

describe("the bare address", () => {
  it("sends people to the admin app", async () => {
    for (const method of ["GET", "HEAD"]) {
      const res = await c.app.request("/", { method });
      expect(res.status, method).toBe(302);
      expect(res.headers.get("location")).toBe("/admin/");
    }
    const admin = await c.app.request("/admin");
    expect(admin.headers.get("location")).toBe("/admin/");
  });
});
