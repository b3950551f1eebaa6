// A survey created through the API without follow-ups asks each segment the editor's standard follow-up
// (the same texts the admin app starts a survey with), in the languages of its question.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testClient, type TestClient } from "../../../test/app.ts";
import { openTestDatabase } from "../../../test/database.ts";
import type { OpenDatabase } from "../../db/open.ts";
import { surveyDefaultTexts } from "../../shared/survey-defaults.ts";

let open: OpenDatabase;
let c: TestClient;
beforeAll(async () => {
  open = await openTestDatabase();
  c = await testClient(open.db);
});
afterAll(() => open.close());

const create = (body: Record<string, unknown>) => c.call("POST", "/api/v1/surveys", body);

describe("a survey created through the API", () => {
  it("without follow-ups gets the standard ones of its kind, in Japanese and English", async () => {
    const res = await create({
      name: "NPS",
      kind: "nps",
      question: { ja: "薦めますか？", en: "Recommend?" },
    });
    expect(res.status).toBe(201);
    expect(res.body.followUps).toEqual({
      detractor: {
        ja: "ご期待に添えず申し訳ございません。どの点を改善すべきか、お聞かせいただけますか？",
        en: "We're sorry we fell short. What should we improve?",
      },
      passive: {
        ja: "10点に近づけるために、何が必要でしょうか？",
        en: "What would it take for us to earn a 10?",
      },
      promoter: {
        ja: "ありがとうございます！特に良かった点を教えていただけますか？",
        en: "Thank you! What did you like most?",
      },
    });
    // Stored, not only answered: a later read has them.
    const read = await c.call("GET", `/api/v1/surveys/${res.body.id}`);
    expect(read.body.followUps).toEqual(res.body.followUps);
  });

  it("gets them only in the languages its question has, and per kind (CSAT, CES)", async () => {
    const en = await create({ name: "CSAT", kind: "csat", question: { en: "Satisfied?" } });
    expect(en.body.followUps).toEqual({
      unhappy: { en: surveyDefaultTexts.en["csat.unhappy"] },
      neutral: { en: surveyDefaultTexts.en["csat.neutral"] },
      happy: { en: surveyDefaultTexts.en["csat.happy"] },
    });
    const ja = await create({ name: "CES", kind: "ces", question: { ja: "簡単でしたか？" } });
    expect(ja.body.followUps).toEqual({
      unhappy: { ja: "お手数をおかけし申し訳ございません。どの手順で手間取られたか、教えていただけますか？" },
      neutral: { ja: "もっと簡単にするために、何が必要でしょうか？" },
      happy: { ja: "ありがとうございます！特に分かりやすかった点を教えていただけますか？" },
    });
  });

  it("keeps follow-ups given, and {} as none", async () => {
    const own = { detractor: { ja: "何が問題でしたか？", en: "What went wrong?" } };
    const given = await create({ name: "Own", kind: "nps", question: { en: "?", ja: "？" }, followUps: own });
    expect(given.body.followUps).toEqual(own);
    const none = await create({ name: "None", kind: "nps", question: { en: "?" }, followUps: {} });
    expect(none.body.followUps).toEqual({});
  });
});
