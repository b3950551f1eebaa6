import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "../../../test/database.ts";
import { testClient, type TestClient } from "../../../test/app.ts";
import type { OpenDatabase } from "../../db/open.ts";
import { benchmarks } from "../../domain/benchmarks/benchmarks.ts";

let open: OpenDatabase;
let c: TestClient;

beforeAll(async () => {
  open = await openTestDatabase();
  c = await testClient(open.db, { role: "viewer" });
});
afterAll(() => open.close());

describe("GET /api/v1/benchmarks", () => {
  it("ships every sourced row: JP, US, GB and DE, each with source, url, year and excerpt", () => {
    expect(benchmarks).toHaveLength(49);
    expect(new Set(benchmarks.map((b) => b.country))).toEqual(new Set(["JP", "US", "GB", "DE"]));
    for (const b of benchmarks) expect(b.excerpt.length).toBeGreaterThan(20);
  });

  it("gives Japan's benchmarks with the sourced figures (mobile carriers 2020: −52.7)", async () => {
    const res = await c.call("GET", "/api/v1/benchmarks?country=jp");
    expect(res.status).toBe(200);
    expect(res.body.data).toHaveLength(19);
    expect(res.body.data.every((b: { country: string }) => b.country === "JP")).toBe(true);
    const carriers = res.body.data.find(
      (b: { industry: string; year: number }) => b.industry === "mobile_carrier",
    );
    expect(carriers).toMatchObject({ nps: -52.7, year: 2020, industryJa: "大手携帯キャリア" });
    expect(carriers.excerpt).toContain("-52.7");
    expect(carriers.url).toMatch(/^https:\/\/www\.nttcoms\.com\//);
    const banks = res.body.data.find((b: { industry: string }) => b.industry === "banking");
    expect(banks.nps).toBe(-46.5);
  });

  it("says in Japanese and English that benchmarks are context, not a target", async () => {
    const { caveat } = (await c.call("GET", "/api/v1/benchmarks?country=US")).body;
    expect(caveat.ja).toContain("国・調査方法・調査年");
    expect(caveat.ja).toContain("目標ではなく参考値");
    expect(caveat.en).toContain("country, survey method and year");
    expect(caveat.en).toContain("context, not as a target");
  });

  it("lists every country without a filter, none for a country without data, and refuses a bad code", async () => {
    expect((await c.call("GET", "/api/v1/benchmarks")).body.data).toHaveLength(49);
    expect((await c.call("GET", "/api/v1/benchmarks?country=FR")).body.data).toEqual([]);
    const bad = await c.call("GET", "/api/v1/benchmarks?country=Japan");
    expect(bad.status).toBe(422);
    expect(bad.headers.get("content-type")).toContain("application/problem+json");
  });
});
