import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "../../../test/database.ts";
import { testClient, type TestClient } from "../../../test/app.ts";
import type { OpenDatabase } from "../../db/open.ts";

let open: OpenDatabase;
beforeAll(async () => {
  open = await openTestDatabase();
});
afterAll(() => open.close());

const fresh = (): Promise<TestClient> => testClient(open.db);

describe("GET /api/v1/workspace", () => {
  it("returns the caller's workspace with every setting's default, to any role", async () => {
    const c = await fresh();
    const viewer = await c.as("viewer");
    const res = await viewer.call("GET", "/api/v1/workspace");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      id: c.workspaceId,
      name: "Test workspace",
      defaultLocale: "ja",
      timeZone: "Asia/Tokyo",
      settings: {
        brand: { name: { ja: "Test workspace", en: "Test workspace" }, logoUrl: null, color: "#1a56db" },
        sender: { name: "Test workspace", address: null, postalAddress: null },
        fatigue: { days: 90, quietStart: "21:00", quietEnd: "08:00" },
        embed: { origins: [] },
      },
    });
  });
});

describe("PATCH /api/v1/workspace", () => {
  it("changes the workspace and merges settings: absent keeps, null returns to the default", async () => {
    const c = await fresh();
    let res = await c.call("PATCH", "/api/v1/workspace", {
      name: "Acme",
      defaultLocale: "en",
      timeZone: "Europe/London",
      settings: {
        fatigue: { days: 30 },
        sender: { address: "NPS@Acme.example", postalAddress: "1-2-3 Chiyoda, Tokyo" },
      },
    });
    expect(res.status).toBe(200);
    res = await c.call("PATCH", "/api/v1/workspace", {
      settings: { fatigue: { quietStart: "22:30" }, brand: { color: "#AABBCC", name: "Acme Support" } },
    });
    expect(res.status).toBe(200);
    res = await c.call("PATCH", "/api/v1/workspace", { settings: { sender: { postalAddress: null } } });
    const after = (await c.call("GET", "/api/v1/workspace")).body;
    expect(after).toEqual(res.body);
    expect(after).toMatchObject({
      name: "Acme",
      defaultLocale: "en",
      timeZone: "Europe/London",
      settings: {
        // A plain name is the name in every language.
        brand: { name: { ja: "Acme Support", en: "Acme Support" }, logoUrl: null, color: "#aabbcc" },
        sender: { name: "Acme Support", address: "nps@acme.example", postalAddress: null },
        fatigue: { days: 30, quietStart: "22:30", quietEnd: "08:00" },
      },
    });
    res = await c.call("PATCH", "/api/v1/workspace", { settings: { fatigue: { days: null } } });
    expect(res.body.settings.fatigue).toEqual({ days: 90, quietStart: "22:30", quietEnd: "08:00" });
  });

  it("refuses invalid values with a 422 problem naming each field, and changes nothing", async () => {
    const c = await fresh();
    const res = await c.call("PATCH", "/api/v1/workspace", {
      name: "Renamed",
      timeZone: "Mars/Olympus_Mons",
      settings: {
        brand: { color: "red", logoUrl: "javascript:alert(1)" },
        sender: { address: "not an address", name: "Acme\r\nBcc: everyone@example.com" },
        fatigue: { days: 3651, quietStart: "24:00", quietEnd: "8am" },
      },
    });
    expect(res.status).toBe(422);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      "settings.brand.color",
      "settings.brand.logoUrl",
      "settings.fatigue.days",
      "settings.fatigue.quietEnd",
      "settings.fatigue.quietStart",
      "settings.sender.address",
      "settings.sender.name",
      "timeZone",
    ]);
    const unknown = await c.call("PATCH", "/api/v1/workspace", { settings: { fatigue: { weeks: 2 } } });
    expect(unknown.status).toBe(422);
    expect((await c.call("GET", "/api/v1/workspace")).body.name).toBe("Test workspace");
  });

  it("keeps the sites that may embed the survey pages: https origins only, normalised, null clears", async () => {
    const c = await fresh();
    const origins = ["https://www.Example.com/", "https://shop.example.com:8443", "https://*.example.jp"];
    let res = await c.call("PATCH", "/api/v1/workspace", { settings: { embed: { origins } } });
    expect(res.status).toBe(200);
    const saved = ["https://www.example.com", "https://shop.example.com:8443", "https://*.example.jp"];
    expect(res.body.settings.embed).toEqual({ origins: saved });
    expect((await c.call("GET", "/api/v1/workspace")).body.settings.embed.origins).toEqual(saved);

    // Anything that would put more than an origin into the header is refused, naming the entry.
    for (const bad of [
      "http://www.example.com",
      "https://www.example.com/survey",
      "https://www.example.com?x=1",
      "*",
      "'self'",
      "https://*",
      "https://*.com",
      "https://user@example.com",
      "https://exa mple.com",
      "https://example.com; script-src *",
      "www.example.com",
    ]) {
      res = await c.call("PATCH", "/api/v1/workspace", { settings: { embed: { origins: [bad] } } });
      expect(res.status, bad).toBe(422);
      expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(["settings.embed.origins.0"]);
    }
    const many = Array.from({ length: 21 }, (_, i) => `https://s${i}.example.com`);
    expect(
      (await c.call("PATCH", "/api/v1/workspace", { settings: { embed: { origins: many } } })).status,
    ).toBe(422);
    expect((await c.call("GET", "/api/v1/workspace")).body.settings.embed.origins).toEqual(saved);

    res = await c.call("PATCH", "/api/v1/workspace", { settings: { embed: { origins: null } } });
    expect(res.body.settings.embed).toEqual({ origins: [] });
    const member = await c.as("member");
    const refused = await member.call("PATCH", "/api/v1/workspace", { settings: { embed: { origins } } });
    expect(refused.status).toBe(403);
  });

  it("refuses a body that is not JSON with a 400 problem", async () => {
    const c = await fresh();
    const res = await c.call("PATCH", "/api/v1/workspace", "{ not json");
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
  });

  it("is for owners and admins only", async () => {
    const c = await fresh();
    for (const role of ["viewer", "member"] as const) {
      const res = await (await c.as(role)).call("PATCH", "/api/v1/workspace", { name: "Mine now" });
      expect(res.status).toBe(403);
      expect(res.headers.get("content-type")).toContain("application/problem+json");
    }
    const admin = await (await c.as("admin")).call("PATCH", "/api/v1/workspace", { name: "Admin's" });
    expect(admin.status).toBe(200);
    expect((await c.call("GET", "/api/v1/workspace")).body.name).toBe("Admin's");
  });

  it("moves reports to the new time zone's days", async () => {
    const c = await fresh();
    const survey = await c.call("POST", "/api/v1/surveys", {
      name: "NPS",
      kind: "nps",
      question: { en: "?" },
    });
    // 23:30 UTC on 2 February: 3 February in Tokyo, still 2 February in London.
    await c.call("POST", "/api/v1/responses", [
      { surveyId: survey.body.id, score: 10, createdAt: "2026-02-02T23:30:00Z" },
      { surveyId: survey.body.id, score: 3, createdAt: "2026-02-02T12:00:00Z" },
    ]);
    const days = async () =>
      (await c.call("GET", "/api/v1/reports/nps?groupBy=day")).body.groups.map(
        (g: { key: string; n: number }) => [g.key, g.n],
      );
    expect(await days()).toEqual([
      ["2026-02-02", 1],
      ["2026-02-03", 1],
    ]);
    await c.call("PATCH", "/api/v1/workspace", { timeZone: "Europe/London" });
    expect(await days()).toEqual([["2026-02-02", 2]]);
  });
});

it("is described in the OpenAPI document", async () => {
  const c = await fresh();
  const doc = (await c.call("GET", "/api/v1/openapi.json")).body;
  expect(Object.keys(doc.paths["/api/v1/workspace"]).sort()).toEqual(["get", "patch"]);
  const body = doc.paths["/api/v1/workspace"].patch.requestBody.content["application/json"].schema;
  expect(Object.keys(body.properties.settings.properties)).toEqual(["brand", "sender", "fatigue", "embed"]);
});
