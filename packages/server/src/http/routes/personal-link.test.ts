import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "../../../test/database.ts";
import { testClient, type TestClient } from "../../../test/app.ts";
import { ManualClock } from "../../clock.ts";
import type { OpenDatabase } from "../../db/open.ts";
import { signSendToken } from "../../domain/sends/token.ts";
import { formTokenIn, humanMarkIn, personFields } from "../../../test/page-form.ts";

let open: OpenDatabase;
let c: TestClient;
let surveyId: string;
let contactId: string;

const browser = {
  "user-agent": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/130 Safari/537.36",
};

async function page(path: string, init: RequestInit = {}) {
  const res = await c.app.request(path.replace("http://koe.test", ""), init);
  return {
    status: res.status,
    text: await res.text(),
    location: res.headers.get("location"),
    type: res.headers.get("content-type"),
  };
}

async function responsesOf(sendId: string) {
  return c.db
    .selectFrom("responses")
    .selectAll()
    .where("workspace_id", "=", c.workspaceId)
    .where("send_id", "=", sendId)
    .execute();
}

async function newSend() {
  const res = await c.call("POST", "/api/v1/sends", { surveyId, contactId });
  expect(res.status).toBe(201);
  return res.body as { id: string; url: string; scoreUrls: string[]; expiresAt: string };
}

beforeAll(async () => {
  open = await openTestDatabase();
  c = await testClient(open.db);
  surveyId = (
    await c.call("POST", "/api/v1/surveys", {
      name: "NPS",
      kind: "nps",
      status: "active",
      question: {
        ja: "{brand}を友人や同僚に薦める可能性は、どのくらいありますか？",
        en: "How likely are you to recommend {brand}?",
      },
      followUps: {
        detractor: { ja: "どの点を改善すべきか、お聞かせいただけますか？", en: "What should we improve?" },
      },
      settings: {
        brandName: "さくらクラウド",
        reviewInvite: {
          label: { ja: "レビューを書く", en: "Write a review" },
          url: "https://reviews.example/sakura",
        },
      },
    })
  ).body.id;
  contactId = (
    await c.call("POST", "/api/v1/contacts", { email: "hanako@example.jp", name: "山田 花子", locale: "ja" })
  ).body.id;
});
afterAll(() => open.close());

describe("POST /api/v1/sends", () => {
  it("returns the personal link and eleven score links", async () => {
    const send = await newSend();
    expect(send.url).toMatch(/^http:\/\/koe\.test\/r\/[A-Za-z0-9_-]{70}$/);
    expect(send.scoreUrls).toHaveLength(11);
    expect(send.scoreUrls[10]).toBe(`${send.url}?score=10`);
    expect(Date.parse(send.expiresAt) - Date.now()).toBeGreaterThan(29 * 86_400_000);
  });
});

describe("/r/:token", () => {
  it("records nothing when a scanner opens all eleven score links within seconds", async () => {
    const send = await newSend();
    for (const url of send.scoreUrls) expect((await page(url, { headers: browser })).status).toBe(200);
    await page(send.url + "/t", { headers: browser }); // and follows the hidden trap link
    expect(await responsesOf(send.id)).toHaveLength(0);
    const intents = await c.db.selectFrom("intents").selectAll().where("send_id", "=", send.id).execute();
    expect(intents).toHaveLength(11);
    expect(intents.every((i) => i.verdict === "bot")).toBe(true);
    const report = await c.call("GET", "/api/v1/reports/nps");
    expect(report.body.n).toBe(0);
  });

  it("treats HEAD and prefetch requests as scanners", async () => {
    const send = await newSend();
    await page(send.scoreUrls[3]!, { method: "HEAD", headers: browser });
    await page(send.scoreUrls[3]!, { headers: { ...browser, purpose: "prefetch" } });
    const intents = await c.db
      .selectFrom("intents")
      .select(["verdict", "reason"])
      .where("send_id", "=", send.id)
      .execute();
    expect(intents.map((i) => i.reason).sort()).toEqual(["head request", "prefetch header"]);
    expect(await responsesOf(send.id)).toHaveLength(0);
  });

  it("records one response when a person submits, and edits it instead of adding a second", async () => {
    const send = await newSend();
    const landing = await page(send.scoreUrls[3]!, { headers: { ...browser, "accept-language": "en" } });
    expect(landing.text).toContain('lang="ja"'); // the contact's locale wins over the browser's
    expect(landing.text).toContain("さくらクラウドを友人や同僚に薦める可能性は、どのくらいありますか？");
    expect(landing.text).toMatch(/id="score-3"\s+value="3"\s+checked/);
    expect(landing.text).toContain("どの点を改善すべきか"); // the detractor's follow-up
    const body = new URLSearchParams({
      ...personFields(landing.text),
      score: "3",
      comment: "<script>alert(1)</script>電話がつながりません",
      contact: "phone",
      step: "done",
    });
    const posted = await page(send.url, {
      method: "POST",
      body,
      headers: { ...browser, "content-type": "application/x-www-form-urlencoded" },
    });
    expect(posted.status).toBe(303);
    expect(posted.location).toMatch(/\/thanks$/);
    const [response] = await responsesOf(send.id);
    expect(response).toMatchObject({
      score: 3,
      segment: "detractor",
      contact_preference: "phone",
      contact_id: contactId,
      source: "email",
    });
    expect(response?.comment).toBe("<script>alert(1)</script>電話がつながりません");

    const again = await page(send.url, { headers: browser });
    expect(again.text).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(again.text).not.toContain("<script>alert(1)");
    const edit = new URLSearchParams({
      ...personFields(again.text),
      score: "9",
      comment: "考え直しました",
      step: "done",
    });
    await page(send.url, {
      method: "POST",
      body: edit,
      headers: { ...browser, "content-type": "application/x-www-form-urlencoded" },
    });
    const after = await responsesOf(send.id);
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ score: 9, segment: "promoter", comment: "考え直しました" });
    const report = await c.call("GET", `/api/v1/reports/nps?surveyId=${surveyId}`);
    expect(report.body).toMatchObject({ n: 1, promoters: 1, detractors: 0 });

    const thanks = await page(send.url + "/thanks", { headers: browser });
    expect(thanks.text).toContain("ご回答ありがとうございました");
    expect(thanks.text).toContain("https://reviews.example/sakura"); // the review invitation, to everyone
  });

  it("confirms a score from the page script only with a valid form token and the page's mark", async () => {
    const send = await newSend();
    const landing = await page(send.scoreUrls[10]!, { headers: browser });
    const confirm = (fields: Record<string, string>) =>
      page(send.url + "/confirm", {
        method: "POST",
        body: new URLSearchParams({ score: "10", ...fields }),
        headers: { "content-type": "application/x-www-form-urlencoded" },
      });
    expect((await confirm({ ft: "1.forged", h: humanMarkIn(landing.text) })).status).toBe(403);
    // The mark is set by the page script on a person's first interaction: a script calling the endpoint
    // without it, or with another page's, confirms nothing.
    expect((await confirm({ ft: formTokenIn(landing.text) })).status).toBe(403);
    const other = await page(send.url, { headers: browser });
    expect(humanMarkIn(other.text)).not.toBe(humanMarkIn(landing.text));
    expect((await confirm({ ft: formTokenIn(landing.text), h: humanMarkIn(other.text) })).status).toBe(403);
    expect(await responsesOf(send.id)).toHaveLength(0);
    const ok = await confirm(personFields(landing.text));
    expect(ok.status).toBe(204);
    expect((await responsesOf(send.id)).map((r) => r.score)).toEqual([10]);
    const intents = await c.db
      .selectFrom("intents")
      .select("verdict")
      .where("send_id", "=", send.id)
      .execute();
    expect(intents.map((i) => i.verdict)).toEqual(["confirmed"]);
  });

  it("cuts an oversized comment at 5,000 characters and tells the person", async () => {
    const send = await newSend();
    const landing = await page(send.url, { headers: browser });
    const body = new URLSearchParams({
      ...personFields(landing.text),
      score: "8",
      comment: "あ".repeat(6000),
    });
    const posted = await page(send.url, {
      method: "POST",
      body,
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(posted.location).toMatch(/\/thanks\?cut=1$/);
    expect((await responsesOf(send.id))[0]?.comment).toHaveLength(5000);
    expect((await page(posted.location!, { headers: browser })).text).toContain(
      "最初の5,000文字を保存しました",
    );
  });

  it("answers tampered and expired links with a friendly page and a 4xx", async () => {
    const send = await newSend();
    const token = send.url.split("/r/")[1]!;
    const tampered = await page(`/r/${token.slice(0, -2)}AA`, { headers: { "accept-language": "en" } });
    expect(tampered.status).toBe(404);
    expect(tampered.type).toContain("text/html");
    expect(tampered.text).toContain("This link does not work");
    const expired = signSendToken("test-secret-".padEnd(40, "x"), {
      workspaceId: c.workspaceId,
      sendId: send.id,
      expiresAt: new Date(Date.now() - 1000),
    });
    const res = await page(`/r/${expired}`, { headers: { "accept-language": "ja" } });
    expect(res.status).toBe(410);
    expect(res.text).toContain("回答期限が過ぎています");
    const post = await page(`/r/${token}`, {
      method: "POST",
      body: new URLSearchParams({ score: "9", ft: "x.y" }),
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(post.status).toBe(403);
    expect(await responsesOf(send.id)).toHaveLength(0);
  });
});

describe("/s/:surveyId", () => {
  it("stores hidden fields and keeps one response per browser session", async () => {
    const tp = (
      await c.call("POST", "/api/v1/touchpoints", { name: "Webinar", kind: "marketing", channel: "web" })
    ).body.id;
    const path = `/s/${surveyId}?touchpoint=${tp}&order=A-100&meta.plan=pro`;
    const landing = await page(path, { headers: { ...browser, "accept-language": "en-US,en;q=0.9" } });
    expect(landing.status).toBe(200);
    expect(landing.text).toContain('lang="en"');
    const form = { "content-type": "application/x-www-form-urlencoded", ...browser };
    const first = await c.app.request(path, {
      method: "POST",
      headers: form,
      body: new URLSearchParams({ ...personFields(landing.text), score: "7" }),
    });
    expect(first.status).toBe(303);
    const cookie = first.headers.get("set-cookie")!.split(";")[0]!;
    await c.app.request(path, {
      method: "POST",
      headers: { ...form, cookie },
      body: new URLSearchParams({ ...personFields(landing.text), score: "10", comment: "Great webinar" }),
    });
    const rows = await c.db
      .selectFrom("responses")
      .selectAll()
      .where("workspace_id", "=", c.workspaceId)
      .where("touchpoint_id", "=", tp)
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      score: 10,
      segment: "promoter",
      channel: "web",
      source: "link",
      metadata: { orderId: "A-100", plan: "pro" },
    });
  });

  it("does not show draft surveys", async () => {
    const draft = (
      await c.call("POST", "/api/v1/surveys", { name: "Draft", kind: "csat", question: { en: "Happy?" } })
    ).body.id;
    expect((await page(`/s/${draft}`)).status).toBe(404);
  });
});

describe("admin view of a send", () => {
  it("lists the intents with verdicts, lets an admin accept one, and shows it on the contact's timeline", async () => {
    const send = await newSend();
    for (const url of send.scoreUrls.slice(0, 3)) await page(url, { headers: browser });
    const seen = await c.call("GET", `/api/v1/sends/${send.id}`);
    expect(seen.body.intents.map((i: { score: number; verdict: string }) => [i.score, i.verdict])).toEqual([
      [0, "bot"],
      [1, "bot"],
      [2, "bot"],
    ]);
    const accepted = await c.call(
      "POST",
      `/api/v1/sends/${send.id}/intents/${seen.body.intents[2].id}/accept`,
    );
    expect(accepted.status).toBe(200);
    expect((await responsesOf(send.id)).map((r) => [r.score, r.segment])).toEqual([[2, "detractor"]]);
    const timeline = await c.call("GET", `/api/v1/contacts/${contactId}/timeline`);
    expect(timeline.body.data[0]).toMatchObject({ type: "response", score: 2, surveyId });
    expect(
      timeline.body.data.some((e: { type: string; id: string }) => e.type === "send" && e.id === send.id),
    ).toBe(true);
  });
});

describe("a changed score after the first tap", () => {
  it("edits the confirmed answer and keeps the comment", async () => {
    const send = await newSend();
    const landing = await page(send.scoreUrls[10]!, { headers: browser });
    const person = personFields(landing.text);
    const form = { "content-type": "application/x-www-form-urlencoded" };
    await page(send.url, {
      method: "POST",
      headers: form,
      body: new URLSearchParams({ ...person, score: "10", comment: "最高です", step: "done" }),
    });
    const res = await page(send.url + "/confirm", {
      method: "POST",
      headers: form,
      body: new URLSearchParams({ ...person, score: "7" }),
    });
    expect(res.status).toBe(204);
    const rows = await responsesOf(send.id);
    expect(rows.map((r) => [r.score, r.segment, r.comment])).toEqual([[7, "passive", "最高です"]]);
  });
});

describe("a personal link's life", () => {
  it("is counted on the app's clock: open until the clock reaches its expiry, expired from then on", async () => {
    // A time the machine has not reached: only the app's clock makes the send, and its link, that old.
    const clock = new ManualClock("2030-01-10T00:00:00Z");
    const timed = await testClient(open.db, { workspaceId: c.workspaceId, deps: { clock } });
    const res = await timed.call("POST", "/api/v1/sends", { surveyId, contactId });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      createdAt: "2030-01-10T00:00:00.000Z",
      expiresAt: "2030-02-09T00:00:00.000Z",
    });
    const visit = (url: string) =>
      timed.app.request(url.replace("http://koe.test", ""), { headers: browser });
    expect((await visit(res.body.url)).status).toBe(200);
    clock.set("2030-02-08T23:59:59Z");
    expect((await visit(res.body.url)).status).toBe(200);
    clock.set("2030-02-09T00:00:00Z");
    const expired = await visit(res.body.url);
    expect(expired.status).toBe(410);
    expect(await expired.text()).toContain("回答期限が過ぎています");
  });
});
