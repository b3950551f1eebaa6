// What a survey says to people (question, follow-ups, link labels) is refused when blank, on create and on
// edit, with the field named: the API takes only what the editor would send.
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

const survey = (extra: Record<string, unknown> = {}) => ({
  name: "NPS",
  kind: "nps",
  question: { ja: "おすすめしますか？", en: "Would you recommend us?" },
  ...extra,
});

const paths = (body: { errors?: { path: string }[] }) => (body.errors ?? []).map((e) => e.path);

describe("blank survey texts", () => {
  it.each([
    ["a question of spaces", { question: { ja: "   " } }, "question.ja"],
    ["a question of ideographic spaces and a newline", { question: { ja: "\u3000\u3000\n" } }, "question.ja"],
    [
      "one blank language beside a good one",
      { question: { ja: "おすすめしますか？", en: " \t" } },
      "question.en",
    ],
    ["a blank follow-up", { followUps: { detractor: { en: "  " } } }, "followUps.detractor.en"],
    [
      "a blank button label",
      { settings: { ctas: { promoter: { label: { ja: " " }, url: "https://example.com" } } } },
      "settings.ctas.promoter.label.ja",
    ],
  ])("refuses %s with 422 naming the field, and stores nothing", async (_what, extra, path) => {
    const before = await c.call("GET", "/api/v1/surveys");
    const res = await c.call("POST", "/api/v1/surveys", survey(extra));
    expect(res.status).toBe(422);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    expect(paths(res.body)).toContain(path);
    expect((await c.call("GET", "/api/v1/surveys")).body.data).toHaveLength(before.body.data.length);
  });

  it("refuses a question with no language at all", async () => {
    const res = await c.call("POST", "/api/v1/surveys", survey({ question: {} }));
    expect(res.status).toBe(422);
    expect(paths(res.body)).toContain("question");
  });

  it("refuses the same on PATCH, and the survey keeps its question", async () => {
    const created = await c.call("POST", "/api/v1/surveys", survey());
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const blank = await c.call("PATCH", `/api/v1/surveys/${id}`, { question: { ja: "   " } });
    expect(blank.status).toBe(422);
    expect(paths(blank.body)).toContain("question.ja");
    const followUp = await c.call("PATCH", `/api/v1/surveys/${id}`, {
      followUps: { promoter: { ja: "\u3000" } },
    });
    expect(followUp.status).toBe(422);
    expect(paths(followUp.body)).toContain("followUps.promoter.ja");
    const stored = await c.call("GET", `/api/v1/surveys/${id}`);
    expect(stored.body.question).toEqual(survey().question);
    expect(stored.body.followUps).toEqual(created.body.followUps);
  });

  it("stores texts without the blanks around them, as the editor sends them", async () => {
    const res = await c.call("POST", "/api/v1/surveys", survey({ question: { en: "  Recommend us?\n" } }));
    expect(res.status).toBe(201);
    expect(res.body.question).toEqual({ en: "Recommend us?" });
  });
});
