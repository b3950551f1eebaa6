// The admin app's API types (packages/admin/src/api/schema.gen.ts) are generated from the contract: this
// fails while the committed file differs from a fresh generation, so a route's declaration and the admin's
// types cannot drift apart. `npm run contract` writes the file again.
import { describe, expect, it } from "vitest";
import { adminSchemaSource, contractDocument, currentSchemaSource } from "../scripts/openapi.ts";

describe("the admin app's API types", () => {
  it("are what the contract generates now (else: npm run contract)", async () => {
    const fresh = await adminSchemaSource(await contractDocument());
    // One line in the message, not a 10,000-line diff: the first line that differs.
    const committed = currentSchemaSource();
    const a = committed.split("\n");
    const b = fresh.split("\n");
    const at = a.findIndex((line, i) => line !== b[i]);
    const where = at < 0 ? a.length : at;
    expect(
      committed === fresh
        ? ""
        : `line ${where + 1}: committed ${JSON.stringify(a[where])}, generated ${JSON.stringify(b[where])}`,
      "packages/admin/src/api/schema.gen.ts is stale: run npm run contract",
    ).toBe("");
  });
});
