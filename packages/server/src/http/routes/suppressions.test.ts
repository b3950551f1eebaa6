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

const expectProblem = (res: { status: number; headers: Headers }, status: number) => {
  expect(res.status).toBe(status);
  expect(res.headers.get("content-type")).toContain("application/problem+json");
};

describe("/api/v1/suppressions", () => {
  it("adds one address (lower case, default source api), lists, gets and deletes it", async () => {
    const added = await c.call("POST", "/api/v1/suppressions", {
      email: "Sato@Example.JP",
      reason: "manual",
    });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ email: "sato@example.jp", reason: "manual", source: "api" });
    expect(added.body.createdAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    const list = await c.call("GET", "/api/v1/suppressions");
    expect(list.status).toBe(200);
    expect(list.body.data.map((s: { email: string }) => s.email)).toContain("sato@example.jp");
    expect(list.body).toHaveProperty("nextCursor");
    const one = await c.call("GET", "/api/v1/suppressions/SATO%40example.jp");
    expect(one.body).toMatchObject({ email: "sato@example.jp" });
    expect((await c.call("DELETE", "/api/v1/suppressions/sato%40example.jp")).status).toBe(204);
    expectProblem(await c.call("DELETE", "/api/v1/suppressions/sato@example.jp"), 404);
    expectProblem(await c.call("GET", "/api/v1/suppressions/sato@example.jp"), 404);
    expectProblem(await c.call("DELETE", "/api/v1/suppressions/not-an-address"), 404);
  });

  it("adds a batch of items, keeping the stronger reason of an address already there", async () => {
    await c.call("POST", "/api/v1/suppressions", { email: "batch1@example.com", reason: "complained" });
    const res = await c.call("POST", "/api/v1/suppressions", {
      items: [
        { email: "batch1@example.com", reason: "unsubscribed" },
        { email: "batch2@example.com", reason: "bounced", source: "import from old ESP" },
      ],
    });
    // 201 as for one address: an operation has one success status.
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ suppressed: 2 });
    const page = await c.call("GET", "/api/v1/suppressions?reason=complained&limit=10");
    expect(page.body.data.map((s: { email: string }) => s.email)).toEqual(["batch1@example.com"]);
    const two = await c.call("GET", "/api/v1/suppressions/batch2@example.com");
    expect(two.body.source).toBe("import from old ESP");
  });

  it("validates: bad address, unknown reason, too long a source, too many items, unknown fields", async () => {
    const bad = await c.call("POST", "/api/v1/suppressions", { email: "nope", reason: "manual" });
    expectProblem(bad, 422);
    expect(bad.body.errors[0].path).toBe("email");
    expectProblem(await c.call("POST", "/api/v1/suppressions", { email: "a@b.co", reason: "angry" }), 422);
    const longSource = { email: "a@b.co", reason: "manual", source: "x".repeat(201) };
    expectProblem(await c.call("POST", "/api/v1/suppressions", longSource), 422);
    const many = Array.from({ length: 1001 }, (_, i) => ({ email: `m${i}@example.com`, reason: "manual" }));
    expectProblem(await c.call("POST", "/api/v1/suppressions", { items: many }), 422);
    const item = await c.call("POST", "/api/v1/suppressions", {
      items: [{ email: "ok@example.com", reason: "manual" }, { email: "bad" }],
    });
    expectProblem(item, 422);
    expect(item.body.errors.map((e: { path: string }) => e.path)).toContain("items.1.email");
    expectProblem(
      await c.call("POST", "/api/v1/suppressions", { email: "a@b.co", reason: "manual", x: 1 }),
      422,
    );
    expectProblem(await c.call("GET", "/api/v1/suppressions?cursor=junk"), 422);
  });

  it("lets a viewer read but not add, lift or feed the webhook", async () => {
    const viewer = await c.as("viewer");
    expect((await viewer.call("GET", "/api/v1/suppressions")).status).toBe(200);
    expectProblem(
      await viewer.call("POST", "/api/v1/suppressions", { email: "v@example.com", reason: "manual" }),
      403,
    );
    expectProblem(
      await viewer.call("POST", "/api/v1/suppressions/webhook", { type: "bounce", email: "v@x.co" }),
      403,
    );
    await c.call("POST", "/api/v1/suppressions", { email: "kept@example.com", reason: "manual" });
    expectProblem(await viewer.call("DELETE", "/api/v1/suppressions/kept@example.com"), 403);
    expect((await (await c.as("member")).call("POST", "/api/v1/suppressions/webhook", [])).body).toEqual({
      suppressed: 0,
      ignored: 0,
      marked: 0,
    });
  });

  it("is documented in the OpenAPI document", async () => {
    const doc = await c.call("GET", "/api/v1/openapi.json");
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining([
        "/api/v1/suppressions",
        "/api/v1/suppressions/webhook",
        "/api/v1/suppressions/{email}",
      ]),
    );
  });
});

describe("POST /api/v1/suppressions/webhook", () => {
  const hook = (body: unknown) => c.call("POST", "/api/v1/suppressions/webhook", body);
  const reasonOf = async (email: string) =>
    (await c.call("GET", `/api/v1/suppressions/${encodeURIComponent(email)}`)).body.reason;

  it("takes the generic shape; a soft bounce is ignored", async () => {
    const res = await hook([
      { type: "bounce", email: "g-hard@example.com", permanent: true },
      { type: "bounce", email: "g-soft@example.com", permanent: false },
      { type: "complaint", email: "g-spam@example.com" },
    ]);
    expect(res.body).toEqual({ suppressed: 2, ignored: 1, marked: 0 });
    expect(await reasonOf("g-hard@example.com")).toBe("bounced");
    expect(await reasonOf("g-spam@example.com")).toBe("complained");
    expect((await c.call("GET", "/api/v1/suppressions/g-soft@example.com")).status).toBe(404);
  });

  it("takes SendGrid's array of events", async () => {
    const res = await hook([
      { event: "bounce", email: "sg-hard@example.com", type: "bounce" },
      { event: "dropped", email: "sg-drop@example.com", reason: "Bounced Address" },
      { event: "spamreport", email: "sg-spam@example.com" },
      { event: "unsubscribe", email: "sg-bye@example.com" },
      { event: "deferred", email: "sg-later@example.com" },
    ]);
    expect(res.body).toEqual({ suppressed: 4, ignored: 1, marked: 0 });
    expect(await reasonOf("sg-spam@example.com")).toBe("complained");
    expect(await reasonOf("sg-bye@example.com")).toBe("unsubscribed");
  });

  it("takes a Postmark bounce and spam complaint; a soft bounce is ignored", async () => {
    expect((await hook({ RecordType: "Bounce", Type: "HardBounce", Email: "pm@example.com" })).body).toEqual({
      suppressed: 1,
      ignored: 0,
      marked: 0,
    });
    expect(
      (await hook({ RecordType: "Bounce", Type: "SoftBounce", Email: "pm-soft@example.com" })).body,
    ).toEqual({
      suppressed: 0,
      ignored: 1,
      marked: 0,
    });
    await hook({ RecordType: "SpamComplaint", Email: "pm@example.com" });
    expect(await reasonOf("pm@example.com")).toBe("complained");
  });

  it("takes an Amazon SES notification, also through SNS; a transient bounce is ignored", async () => {
    const permanent = {
      notificationType: "Bounce",
      bounce: {
        bounceType: "Permanent",
        bouncedRecipients: [{ emailAddress: "ses1@example.com" }, { emailAddress: "SES2@example.com" }],
      },
    };
    expect((await hook(permanent)).body).toEqual({ suppressed: 2, ignored: 0, marked: 0 });
    expect(await reasonOf("ses2@example.com")).toBe("bounced");
    const transient = {
      notificationType: "Bounce",
      bounce: { bounceType: "Transient", bouncedRecipients: [{ emailAddress: "ses3@example.com" }] },
    };
    expect((await hook(transient)).body).toEqual({ suppressed: 0, ignored: 1, marked: 0 });
    const complaint = {
      notificationType: "Complaint",
      complaint: { complainedRecipients: [{ emailAddress: "ses3@example.com" }] },
    };
    const viaSns = { Type: "Notification", MessageId: "1", Message: JSON.stringify(complaint) };
    expect((await hook(viaSns)).body).toEqual({ suppressed: 1, ignored: 0, marked: 0 });
    expect(await reasonOf("ses3@example.com")).toBe("complained");
  });

  it("answers problem+json for a body that is not JSON events", async () => {
    expectProblem(await hook("just text"), 400);
    expectProblem(await hook(JSON.stringify("a string")), 422);
    expectProblem(await hook(Array.from({ length: 1001 }, () => ({}))), 422);
    expectProblem(
      await c.call("POST", "/api/v1/suppressions/webhook", "x=1", { "content-type": "text/plain" }),
      415,
    );
  });
});
