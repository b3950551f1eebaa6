// The survey editor's previews: the real page and email for an unsaved survey, inert and marked.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "../../../test/database.ts";
import { testClient, type TestClient } from "../../../test/app.ts";
import type { OpenDatabase } from "../../db/open.ts";

let open: OpenDatabase;
let c: TestClient;

const survey = {
  name: "新規NPS",
  kind: "nps",
  question: {
    ja: "{brand}を友人や同僚に薦める可能性は、どのくらいありますか？",
    en: "How likely are you to recommend {brand}?",
  },
  followUps: {
    detractor: { ja: "どの点を改善すべきか、お聞かせいただけますか？", en: "What should we improve?" },
    promoter: { ja: "特に良かった点を教えていただけますか？", en: "What did you like most?" },
  },
  settings: {
    brandName: "コエ商店",
    ctas: {
      promoter: { label: { ja: "紹介プログラムへ", en: "Refer a friend" }, url: "https://example.com/refer" },
    },
  },
};

const preview = (body: unknown) => c.call("POST", "/api/v1/surveys/preview", body);

/** The follow-up labels: which segment each is for, and whether it is shown. */
const followUps = (html: string) =>
  [...html.matchAll(/<label for="comment" data-seg="(\w+)"\s*(hidden)?/g)].map((m) => [
    m[1],
    m[2] ? "hidden" : "shown",
  ]);

beforeAll(async () => {
  open = await openTestDatabase();
  c = await testClient(open.db, { role: "admin" });
});
afterAll(() => open.close());

describe("POST /api/v1/surveys/preview", () => {
  it("shows the follow-up of the given score's segment, inert, with a Preview ribbon", async () => {
    const res = await preview({ survey, locale: "ja", step: "followup", score: 3 });
    expect(res.status).toBe(200);
    const html: string = res.body.html;
    expect(html).toContain("コエ商店を友人や同僚に薦める可能性は、どのくらいありますか？");
    expect(html).toContain("どの点を改善すべきか、お聞かせいただけますか？");
    expect(followUps(html)).toEqual([
      ["detractor", "shown"],
      ["passive", "hidden"],
      ["promoter", "hidden"],
    ]);
    expect(html).toMatch(/id="score-3"\s+value="3"\s+checked/);
    expect(html).toContain('class="ribbon"');
    expect(html).toContain("プレビュー");
    // No form that records anything: no POST, no action to /r/ or /s/, no confirm or trap link.
    expect(html).not.toMatch(/method="post"/i);
    expect(html).not.toMatch(/action="[^"]*\/(r|s)\//);
    expect(html).not.toMatch(/\/(r|s)\/[\w-]/);
    expect(html).toContain('data-confirm=""');
    expect(html).toMatch(/<form[^>]*method="dialog"/);
  });

  it("renders each step in English too: the score step and the thank-you page for the segment", async () => {
    const score = await preview({ survey, locale: "en", step: "score" });
    expect(score.body.html).toContain("How likely are you to recommend コエ商店?");
    expect(score.body.html).toContain("Preview");
    expect(score.body.html).not.toMatch(/value="\d+"\s+checked/);
    const promoter = await preview({ survey, locale: "en", step: "followup", score: 10 });
    expect(followUps(promoter.body.html)).toContainEqual(["promoter", "shown"]);
    const thanks = await preview({ survey, locale: "ja", step: "thanks", score: 9 });
    expect(thanks.body.html).toContain("紹介プログラムへ");
    expect(thanks.body.html).toContain("プレビュー");
    const detractorThanks = await preview({ survey, locale: "ja", step: "thanks", score: 2 });
    expect(detractorThanks.body.html).not.toContain("紹介プログラムへ");
  });

  it("escapes what the editor typed", async () => {
    const res = await preview({
      survey: { ...survey, question: { ja: "<script>alert(1)</script>" } },
      locale: "ja",
      step: "score",
    });
    expect(res.body.html).not.toContain("<script>alert(1)</script>");
    expect(res.body.html).toContain("&lt;script&gt;");
  });

  it("refuses a missing or out-of-scale score, a bad survey, and non-admins", async () => {
    expect((await preview({ survey, locale: "ja", step: "followup" })).body.errors[0].path).toBe("score");
    const csat = { ...survey, kind: "csat", followUps: {} };
    const res = await preview({ survey: csat, locale: "ja", step: "followup", score: 9 });
    expect(res.status).toBe(422);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    const bad = await preview({ survey: { ...survey, name: "" }, locale: "fr", step: "score" });
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(["locale", "survey.name"]);
    const member = await c.as("member");
    expect(
      (await member.call("POST", "/api/v1/surveys/preview", { survey, locale: "ja", step: "score" })).status,
    ).toBe(403);
  });

  it("stores nothing", async () => {
    await preview({ survey, locale: "ja", step: "thanks", score: 10 });
    const surveys = await c.db
      .selectFrom("surveys")
      .select("id")
      .where("workspace_id", "=", c.workspaceId)
      .execute();
    expect(surveys).toEqual([]);
  });
});

describe("POST /api/v1/surveys/preview-email", () => {
  it("renders the campaign email for a sample contact with links that lead nowhere", async () => {
    const ja = await c.call("POST", "/api/v1/surveys/preview-email", { survey, locale: "ja" });
    expect(ja.status).toBe(200);
    expect(Object.keys(ja.body).sort()).toEqual(["html", "subject", "text"]);
    expect(ja.body.subject).toContain("コエ商店");
    expect(ja.body.html).toContain("山田 花子");
    expect(ja.body.text).toContain("山田 花子");
    expect(ja.body.html).toContain("コエ商店を友人や同僚に薦める可能性は");
    expect(ja.body.html).toContain("https://preview.invalid/survey?score=10");
    expect(ja.body.html).not.toContain("/r/");
    expect(ja.body.html).not.toContain("/u/");
    const en = await c.call("POST", "/api/v1/surveys/preview-email", { survey, locale: "en" });
    expect(en.body.text).toContain("Alex Smith");
    expect(en.body.text).toContain("How likely are you to recommend");
  });

  it("refuses a bad body and non-admins", async () => {
    const res = await c.call("POST", "/api/v1/surveys/preview-email", { survey, locale: "ja", step: "x" });
    expect(res.status).toBe(422);
    const viewer = await c.as("viewer");
    expect(
      (await viewer.call("POST", "/api/v1/surveys/preview-email", { survey, locale: "ja" })).status,
    ).toBe(403);
  });
});
