import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newWorkspace, openTestDatabase } from "../../test/database.ts";
import type { Db, OpenDatabase } from "../db/open.ts";
import { ConflictError } from "../domain/errors.ts";
import { getReport, type Report } from "../domain/reports/report.ts";
import { getResponseRate } from "../domain/reports/response-rate.ts";
import type { CesSummary } from "../domain/scores/ces.ts";
import type { CsatSummary } from "../domain/scores/csat.ts";
import type { NpsSummary } from "../domain/scores/nps.ts";
import { listSurveys } from "../domain/surveys/surveys.ts";
import { buildTimeline, monthsBefore } from "./demo-timeline.ts";
import { seedDemo, type SeedDemoResult } from "./seed-demo.ts";

let open: OpenDatabase;
let db: Db;
// A fixed "now" (the clock's time the demo is seeded at), so the data, and these assertions, are the same
// on every run, whatever the machine's date: the import takes the same time as its own.
const now = new Date("2026-11-20T12:00:00+09:00");
const ws = { ja: "", en: "" };
const seeded = {} as Record<"ja" | "en", SeedDemoResult>;

const nps = async (workspaceId: string, q: Parameters<typeof getReport>[3] = {}) =>
  (await getReport(db, workspaceId, "nps", q)) as Report<NpsSummary>;

async function countRows(
  table: "responses" | "touchpoints" | "surveys" | "contacts" | "companies",
  workspaceId: string,
) {
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n from ${sql.table(table)} where workspace_id = ${workspaceId}`.execute(db);
  return rows[0]?.n ?? 0;
}

async function comments(workspaceId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("responses")
    .select("comment")
    .where("workspace_id", "=", workspaceId)
    .where("comment", "is not", null)
    .orderBy("created_at")
    .orderBy("comment")
    .execute();
  return rows.map((r) => r.comment ?? "");
}

beforeAll(async () => {
  open = await openTestDatabase();
  db = open.db;
  ws.ja = await newWorkspace(db, "Koe demo");
  ws.en = await newWorkspace(db, "Northwind Cloud");
  seeded.ja = await seedDemo(db, { workspaceId: ws.ja, locale: "ja", now });
  seeded.en = await seedDemo(db, { workspaceId: ws.en, locale: "en", now });
});

afterAll(() => open?.close());

describe("seedDemo", () => {
  it("reports the counts it stored: 7 touchpoints, 4 surveys, 600 contacts, 4,000–6,000 responses", async () => {
    for (const locale of ["ja", "en"] as const) {
      const result = seeded[locale];
      expect(result).toEqual({
        responses: await countRows("responses", ws[locale]),
        touchpoints: await countRows("touchpoints", ws[locale]),
        surveys: await countRows("surveys", ws[locale]),
        contacts: await countRows("contacts", ws[locale]),
      });
      expect(result).toMatchObject({ touchpoints: 7, surveys: 4, contacts: 600 });
      expect(result.responses).toBeGreaterThanOrEqual(4000);
      expect(result.responses).toBeLessThanOrEqual(6000);
      expect(await countRows("companies", ws[locale])).toBe(30);
    }
  });

  it("spreads responses over the last 18 months, mostly on weekdays", async () => {
    const { rows } = await sql<{ first: Date; last: Date; weekday: number; n: number }>`
      select min(created_at) as first, max(created_at) as last, count(*)::int as n,
             count(*) filter (where extract(isodow from created_at at time zone 'Asia/Tokyo') < 6)::int as weekday
      from responses where workspace_id = ${ws.ja}`.execute(db);
    const r = rows[0]!;
    expect(r.last.getTime()).toBeLessThanOrEqual(now.getTime());
    expect(r.last.getTime()).toBeGreaterThan(now.getTime() - 7 * 86_400_000);
    expect(r.first.getTime()).toBeGreaterThanOrEqual(monthsBefore(now, 18).getTime());
    expect(r.first.getTime()).toBeLessThan(monthsBefore(now, 17).getTime());
    expect(r.weekday / r.n).toBeGreaterThan(0.85);
  });

  it("gives Japan a negative NPS, far below the English workspace's", async () => {
    const ja = await nps(ws.ja);
    const en = await nps(ws.en);
    expect(ja.nps).toBeLessThan(-10);
    expect(ja.nps).toBeGreaterThan(-20);
    expect(en.nps).toBeGreaterThan(20);
    expect(en.nps).toBeLessThan(35);
    expect(en.nps! - ja.nps!).toBeGreaterThan(30);
  });

  it("keeps CSAT around 75–85 % and CES around 5", async () => {
    for (const workspaceId of [ws.ja, ws.en]) {
      const csat = (await getReport(db, workspaceId, "csat", {})) as Report<CsatSummary>;
      const ces = (await getReport(db, workspaceId, "ces", {})) as Report<CesSummary>;
      expect(csat.csat).toBeGreaterThan(75);
      expect(csat.csat).toBeLessThan(85);
      expect(ces.ces).toBeGreaterThan(4.6);
      expect(ces.ces).toBeLessThan(5.4);
    }
  });

  it("shows phone support as the worst touchpoint and the product improving over time", async () => {
    for (const workspaceId of [ws.ja, ws.en]) {
      const byTouchpoint = (await nps(workspaceId, { groupBy: ["touchpoint"] })).groups ?? [];
      const worst = [...byTouchpoint].sort((a, b) => a.nps! - b.nps!)[0];
      expect(worst?.label).toMatch(/電話サポート|Phone support/);
      const product = byTouchpoint.find((g) => /プロダクト|Product/.test(g.label ?? ""));
      const early = await nps(workspaceId, {
        touchpoint: product?.keys.touchpoint,
        to: day(monthsBefore(now, 12)),
      });
      const late = await nps(workspaceId, {
        touchpoint: product?.keys.touchpoint,
        from: day(monthsBefore(now, 6)),
      });
      expect(late.nps! - early.nps!).toBeGreaterThan(10);
    }
  });

  it("dips in the incident month", async () => {
    const incident = buildTimeline(now, []).incidentMonth;
    for (const workspaceId of [ws.ja, ws.en]) {
      const months = (await nps(workspaceId, { groupBy: ["month"] })).groups ?? [];
      const at = months.findIndex((g) => g.key === incident);
      const [before, during, after] = [months[at - 1], months[at], months[at + 1]];
      expect(during!.nps!).toBeLessThan(before!.nps! - 5);
      expect(during!.nps!).toBeLessThan(after!.nps! - 5);
    }
  });

  it("writes varied comments on about 40 % of responses, Japanese in ja and plain English in en", async () => {
    const ja = await comments(ws.ja);
    const en = await comments(ws.en);
    expect(ja.length / seeded.ja.responses).toBeGreaterThan(0.3);
    expect(ja.length / seeded.ja.responses).toBeLessThan(0.5);
    expect(ja.every((c) => /[\u3040-\u30ff]/.test(c))).toBe(true);
    expect(ja.some((c) => c.includes("電話がなかなかつながりませんでした。"))).toBe(true);
    expect(en.every((c) => /^[\x20-\x7e]+$/.test(c))).toBe(true);
    expect(new Set(ja).size).toBeGreaterThan(60);
    expect(new Set(en).size).toBeGreaterThan(60);
  });

  it("has the email invitations behind its answers, about two in five answered", async () => {
    for (const locale of ["ja", "en"] as const) {
      const rate = await getResponseRate(db, ws[locale], {});
      expect(rate.responded).toBeGreaterThan(300);
      expect(rate.rate).toBeGreaterThan(0.3);
      expect(rate.rate).toBeLessThan(0.55);
    }
  });

  it("has detractors who asked for a call (with a number), an email or no contact, and promoters who may be quoted", async () => {
    for (const locale of ["ja", "en"] as const) {
      const { rows } = await sql<{
        pref: string | null;
        consent: string | null;
        segment: string;
        phone: string | null;
      }>`
        select r.contact_preference as pref, r.testimonial_consent_text as consent, r.segment, c.phone
        from responses r left join contacts c on c.workspace_id = r.workspace_id and c.id = r.contact_id
        where r.workspace_id = ${ws[locale]}`.execute(db);
      const asked = (p: string) => rows.filter((r) => r.pref === p);
      for (const p of ["phone", "email", "none"])
        expect(asked(p).length, `${locale} ${p}`).toBeGreaterThan(5);
      expect(
        rows.filter((r) => r.pref).every((r) => r.segment === "detractor" || r.segment === "unhappy"),
      ).toBe(true);
      expect(asked("phone").every((r) => r.phone)).toBe(true);
      const quoted = rows.filter((r) => r.consent);
      expect(quoted.length).toBeGreaterThan(20);
      expect(quoted.every((r) => r.segment === "promoter" || r.segment === "happy")).toBe(true);
      expect(quoted[0]?.consent).toMatch(locale === "ja" ? /同意します。$/ : /^You may quote my comment/);
    }
  });

  it("asks the NPS question as JAPANESE.md words it, in both locales", async () => {
    const surveys = (await listSurveys(db, ws.ja, { limit: 10 })).data;
    expect(
      surveys.every(
        (s) => s.status === "active" && s.defaultLocale === "ja" && s.question.ja && s.question.en,
      ),
    ).toBe(true);
    const relationship = surveys.find((s) => s.name === "リレーションシップNPS");
    expect(relationship?.question.ja).toMatch(/^.+を友人や同僚に薦める可能性は、どのくらいありますか？$/);
    expect(relationship?.followUps.passive?.ja).toBe("10点に近づけるために、何が必要でしょうか？");
  });

  it("gives the same scores for the same seed and different ones for another seed", async () => {
    const again = await newWorkspace(db, "Koe demo again");
    await seedDemo(db, { workspaceId: again, locale: "ja", now });
    const shape = async (workspaceId: string) =>
      ((await nps(workspaceId, { groupBy: ["month", "touchpoint"] })).groups ?? []).map((g) => [
        g.keys.month,
        g.label,
        g.promoters,
        g.passives,
        g.detractors,
      ]);
    expect(await shape(again)).toEqual(await shape(ws.ja));
    expect(await comments(again)).toEqual(await comments(ws.ja));

    const other = await newWorkspace(db, "Koe demo, other seed");
    await seedDemo(db, { workspaceId: other, locale: "ja", now, seed: 7 });
    expect(await shape(other)).not.toEqual(await shape(ws.ja));
  }, 120_000); // two more demos seeded: ~10 s on a quiet machine, much more on a busy one

  it("refuses to seed a workspace that already has surveys", async () => {
    await expect(seedDemo(db, { workspaceId: ws.ja, locale: "ja", now })).rejects.toBeInstanceOf(
      ConflictError,
    );
    expect(await countRows("surveys", ws.ja)).toBe(4);
  });
});

function day(d: Date): string {
  return d.toISOString().slice(0, 10);
}
