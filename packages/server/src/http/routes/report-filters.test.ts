// Report filters by team and by contact attribute: what they count, and that the attribute path (read
// from the responses) gives exactly what the rollups give for the same responses.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "../../../test/database.ts";
import { testClient, type TestClient } from "../../../test/app.ts";
import type { OpenDatabase } from "../../db/open.ts";

let open: OpenDatabase;
let c: TestClient;
let nps: string;
let csat: string;
const tp: Record<string, string> = {};
const sent: { score: number; touchpoint: string | null; contact: number; createdAt: string }[] = [];

const npsOf = (scores: number[]) =>
  Math.round(
    (10_000 * (scores.filter((s) => s >= 9).length - scores.filter((s) => s <= 6).length)) / scores.length,
  ) / 100;

beforeAll(async () => {
  open = await openTestDatabase();
  c = await testClient(open.db);
  const touchpoint = async (name: string, channel: string, team: string | null) =>
    (await c.call("POST", "/api/v1/touchpoints", { name, kind: "support", channel, team })).body.id as string;
  tp.phone = await touchpoint("電話サポート", "phone", "サポート");
  tp.chat = await touchpoint("チャット", "chat", "サポート");
  tp.web = await touchpoint("Web", "web", "Sales");
  const contacts: string[] = [];
  for (const [i, plan] of ["pro", "free", "pro"].entries()) {
    const res = await c.call("POST", "/api/v1/contacts", {
      email: `p${i}@example.com`,
      attributes: { plan, region: "jp", seats: i + 1 },
    });
    contacts.push(res.body.id);
  }
  const survey = async (kind: string) =>
    (await c.call("POST", "/api/v1/surveys", { name: kind, kind, question: { ja: "質問" } })).body
      .id as string;
  nps = await survey("nps");
  csat = await survey("csat");
  const places = [tp.phone, tp.chat, tp.web, null];
  const rows = [];
  for (let i = 0; i < 300; i++) {
    const day = 1 + (i % 90);
    const month = day <= 31 ? "03" : day <= 61 ? "04" : "05";
    const dom = day <= 31 ? day : day <= 61 ? day - 31 : day - 61;
    // 15:30 UTC is 00:30 the next day in Tokyo, the workspace's time zone.
    const createdAt = `2026-${month}-${String(dom).padStart(2, "0")}T${i % 2 ? "15:30" : "03:00"}:00Z`;
    const row = { score: (i * 7) % 11, touchpoint: places[i % 4] ?? null, contact: i % 3, createdAt };
    sent.push(row);
    rows.push({
      surveyId: nps,
      score: row.score,
      touchpointId: row.touchpoint,
      contactId: contacts[row.contact],
      createdAt,
      ...(i % 5 === 0 ? { channel: "email" } : {}),
    });
    rows.push({
      surveyId: csat,
      score: 1 + (i % 5),
      touchpointId: row.touchpoint,
      contactId: contacts[row.contact],
      createdAt,
    });
  }
  expect((await c.call("POST", "/api/v1/responses", rows)).status).toBe(201);
});
afterAll(() => open.close());

describe("report filters", () => {
  it("team: the NPS of the responses at that team's touchpoints", async () => {
    const team = sent
      .filter((r) => r.touchpoint === tp.phone || r.touchpoint === tp.chat)
      .map((r) => r.score);
    const res = await c.call("GET", `/api/v1/reports/nps?team=${encodeURIComponent("サポート")}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ n: team.length, nps: npsOf(team) });
    const sales = await c.call("GET", "/api/v1/reports/nps?team=Sales&groupBy=touchpoint");
    expect(sales.body.groups.map((g: { label: string }) => g.label)).toEqual(["Web"]);
    expect((await c.call("GET", "/api/v1/reports/nps?team=nobody")).body).toMatchObject({ n: 0, nps: null });
  });

  it("attribute.plan=pro: the NPS of the responses of pro contacts", async () => {
    const pro = sent.filter((r) => r.contact !== 1).map((r) => r.score);
    const res = await c.call("GET", "/api/v1/reports/nps?attribute.plan=pro");
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ n: pro.length, nps: npsOf(pro) });
    // Values compare as text, so a number attribute matches too; several filters all apply.
    const both = await c.call("GET", "/api/v1/reports/nps?attribute.plan=pro&attribute.seats=3");
    expect(both.body.n).toBe(sent.filter((r) => r.contact === 2).length);
    const phonePro = sent.filter((r) => r.contact !== 1 && r.touchpoint === tp.phone).map((r) => r.score);
    const combined = await c.call(
      "GET",
      `/api/v1/reports/nps?attribute.plan=pro&team=${encodeURIComponent("サポート")}&touchpoint=${tp.phone}`,
    );
    expect(combined.body).toMatchObject({ n: phonePro.length, nps: npsOf(phonePro) });
  });

  it("gives identical results from the responses and from the rollups for the same responses", async () => {
    const queries = [
      "",
      "groupBy=day",
      "groupBy=week",
      "groupBy=month",
      "groupBy=touchpoint",
      "groupBy=channel",
      "groupBy=segment",
      "groupBy=survey",
      "groupBy=month,touchpoint",
      "groupBy=segment,channel",
      "from=2026-03-15&to=2026-04-10&groupBy=day",
      "from=2026-04-01&to=2026-04-30&compare=previous",
      `team=${encodeURIComponent("サポート")}&groupBy=week,touchpoint`,
      `touchpoint=${tp.web}&channel=email`,
    ];
    for (const kind of ["nps", "csat", "ces"]) {
      for (const q of queries) {
        const rollups = await c.call("GET", `/api/v1/reports/${kind}?${q}`);
        const raw = await c.call("GET", `/api/v1/reports/${kind}?${q}${q ? "&" : ""}attribute.region=jp`);
        expect(rollups.status, q).toBe(200);
        expect(raw.body, `${kind} ${q}`).toEqual(rollups.body);
      }
    }
    // The boundary of a local day: 15:30 UTC on 31 March counts on 1 April in Tokyo, on both paths.
    const april1 = sent.filter(
      (r) => r.createdAt.startsWith("2026-03-31T15") || r.createdAt.startsWith("2026-04-01T03"),
    );
    const day = await c.call("GET", "/api/v1/reports/nps?from=2026-04-01&to=2026-04-01&attribute.region=jp");
    expect(day.body.n).toBe(april1.length);
  });

  it("compare=previous applies the team and attribute filters to both periods", async () => {
    const inApril = (r: (typeof sent)[number]) =>
      r.createdAt >= "2026-03-31T15" && r.createdAt < "2026-04-30T15";
    const inMarch = (r: (typeof sent)[number]) =>
      r.createdAt >= "2026-03-01" && r.createdAt < "2026-03-31T15";
    const match = (r: (typeof sent)[number]) =>
      r.contact !== 1 && (r.touchpoint === tp.phone || r.touchpoint === tp.chat);
    const res = await c.call(
      "GET",
      `/api/v1/reports/nps?from=2026-04-01&to=2026-04-30&compare=previous&attribute.plan=pro&team=${encodeURIComponent("サポート")}`,
    );
    const april = sent.filter((r) => match(r) && inApril(r)).map((r) => r.score);
    const march = sent
      .filter((r) => match(r) && r.createdAt >= "2026-03-01T15" && inMarch(r))
      .map((r) => r.score);
    expect(res.body).toMatchObject({
      n: april.length,
      nps: npsOf(april),
      previous: { from: "2026-03-02", to: "2026-03-31", n: march.length, nps: npsOf(march) },
    });
    expect(res.body.change).toMatchObject({ delta: expect.any(Number) });
  });

  it("refuses unknown parameters, more than five attribute filters and bad keys", async () => {
    const unknown = await c.call("GET", "/api/v1/reports/nps?plan=pro");
    expect(unknown.status).toBe(422);
    expect(unknown.headers.get("content-type")).toContain("application/problem+json");
    expect(unknown.body.errors[0].path).toBe("plan");
    const six = Array.from({ length: 6 }, (_, i) => `attribute.k${i}=v`).join("&");
    expect((await c.call("GET", `/api/v1/reports/nps?${six}`)).status).toBe(422);
    expect((await c.call("GET", `/api/v1/reports/nps?attribute.=x`)).status).toBe(422);
    expect((await c.call("GET", `/api/v1/reports/nps?attribute.plan=${"x".repeat(201)}`)).status).toBe(422);
    expect((await c.call("GET", `/api/v1/reports/nps?team=${"x".repeat(201)}`)).status).toBe(422);
  });

  it("are one exploded form object of attribute.* parameters in the API document", async () => {
    const doc = (await c.call("GET", "/api/v1/openapi.json")).body;
    for (const path of ["/api/v1/reports/nps", "/api/v1/reports/response-rate"]) {
      const params = doc.paths[path].get.parameters as { name: string }[];
      expect(
        params.filter((p) => p.name.startsWith("attribute")),
        path,
      ).toEqual([
        expect.objectContaining({
          name: "attributeFilters",
          in: "query",
          style: "form",
          explode: true,
          schema: {
            type: "object",
            patternProperties: { "^attribute\\..+$": { type: "string", maxLength: 200 } },
            additionalProperties: false,
          },
        }),
      ]);
    }
    // The document's placeholder is no way past the limit: sent as it is, it is one more attribute filter.
    const five = Array.from({ length: 5 }, (_, i) => `attribute.k${i}=v`).join("&");
    const placeholder = encodeURIComponent("attribute.{key}");
    expect((await c.call("GET", `/api/v1/reports/nps?${five}&${placeholder}=v`)).status).toBe(422);
    expect((await c.call("GET", `/api/v1/reports/response-rate?${five}&${placeholder}=v`)).status).toBe(422);
  });

  it("answers at the ends of the calendar on both paths", async () => {
    for (const q of ["from=0001-01-01&to=9999-12-31", "from=2024-02-29&to=9999-12-31&groupBy=week"]) {
      const rollups = await c.call("GET", `/api/v1/reports/nps?${q}`);
      const raw = await c.call("GET", `/api/v1/reports/nps?${q}&attribute.region=jp`);
      expect(rollups.status, q).toBe(200);
      expect(raw.body, q).toEqual(rollups.body);
    }
    expect((await c.call("GET", "/api/v1/reports/response-rate?from=0001-01-01&to=9999-12-31")).status).toBe(
      200,
    );
  });
});
