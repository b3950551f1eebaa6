// Who may answer through a survey page's form (docs/SURVEY-PAGES.md, "A script never answers"): a page
// running its script only with the mark it sets on a person's first interaction; a page without scripting
// (its <noscript> field) only some seconds after the page was served, outside a scanner's burst, not after
// the trap link, and not from a scanner's user agent. A refused post stores nothing and shows the answer
// again. Time is the app's injected clock; no test waits.
import { ManualClock } from "../../clock.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "../../../test/database.ts";
import { testClient, type TestClient } from "../../../test/app.ts";
import { personFields, formTokenIn } from "../../../test/page-form.ts";
import type { OpenDatabase } from "../../db/open.ts";

let open: OpenDatabase;
let c: TestClient;
let surveyId: string;
let contactId: string;
/** The app's one clock: it moves only when a test says, and intents and trap follows are stamped with it
 * too, so a test moves the whole server's idea of now. Each test starts an hour after the last. */
const clock = new ManualClock("2026-12-03T09:00:00Z");
let base = clock.now();
/** Starts a test an hour on from the last, so no burst or trap of one test falls near another's. */
const begin = () => {
  base += 3_600_000;
  clock.set(base);
};
/** The clock `ms` after this test began. */
const at = (ms: number) => clock.set(base + ms);

const browser = {
  "user-agent": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/130 Safari/537.36",
};
const formHeaders = { ...browser, "content-type": "application/x-www-form-urlencoded" };
const local = (url: string) => url.replace(/^https?:\/\/[^/]+/, "");

async function get(url: string) {
  const res = await c.app.request(local(url), { headers: browser });
  return { status: res.status, text: await res.text() };
}

async function post(
  url: string,
  fields: Record<string, string>,
  headers: Record<string, string> = formHeaders,
) {
  const res = await c.app.request(local(url), {
    method: "POST",
    headers,
    body: new URLSearchParams({ step: "done", ...fields }),
  });
  return { status: res.status, text: await res.text(), location: res.headers.get("location") };
}

async function newSend() {
  const res = await c.call("POST", "/api/v1/sends", { surveyId, contactId });
  return res.body as { id: string; url: string; scoreUrls: string[] };
}

const responseCount = async () =>
  Number(
    (
      await c.db
        .selectFrom("responses")
        .select((eb) => eb.fn.countAll().as("n"))
        .where("workspace_id", "=", c.workspaceId)
        .executeTakeFirstOrThrow()
    ).n,
  );

const storedFor = (sendId: string) =>
  c.db
    .selectFrom("responses")
    .select(["score", "comment"])
    .where("workspace_id", "=", c.workspaceId)
    .where("send_id", "=", sendId)
    .execute();

/** The re-shown page: the person's score still chosen, their words kept, and the line asking them to press again. */
function expectAskedAgain(res: { status: number; text: string }, score: number, comment?: string) {
  expect(res.status).toBe(422);
  expect(res.text).toContain("回答を確定するため、もう一度ボタンを押してください。");
  expect(res.text).toMatch(new RegExp(`id="score-${score}"\\s+value="${score}"\\s+checked`));
  if (comment) expect(res.text).toContain(comment);
}

beforeAll(async () => {
  open = await openTestDatabase();
  c = await testClient(open.db, {
    deps: { clock, noScriptMinMs: 3_000, publicRequestsPerMinute: 100_000 },
  });
  surveyId = (
    await c.call("POST", "/api/v1/surveys", {
      name: "NPS",
      kind: "nps",
      status: "active",
      question: {
        ja: "{brand}を友人や同僚に薦める可能性は、どのくらいありますか？",
        en: "Recommend {brand}?",
      },
    })
  ).body.id;
  contactId = (await c.call("POST", "/api/v1/contacts", { email: "hanako@example.jp", locale: "ja" })).body
    .id;
});
afterAll(() => open.close());

describe("a form posted with scripting on but without the page script's mark", () => {
  it("stores nothing on /r/ and shows the answer again; the person's next press answers", async () => {
    begin();
    const send = await newSend();
    const landing = await get(send.scoreUrls[9]!);
    const fields = { ft: formTokenIn(landing.text), score: "9", comment: "とても便利です" };
    // form.submit(), requestSubmit() or a dispatched click before anyone touched the page: no mark.
    expectAskedAgain(await post(send.url, fields), 9, "とても便利です");
    // Nor does another page's mark (a page served a second later), or a made-up one, do.
    at(1_000);
    const other = await get(send.url);
    expectAskedAgain(await post(send.url, { ...fields, h: personFields(other.text).h }), 9);
    expectAskedAgain(await post(send.url, { ...fields, h: "x".repeat(22) }), 9);
    // Even waiting as long as a person would changes nothing without the mark.
    at(60_000);
    const late = await post(send.url, fields);
    expectAskedAgain(late, 9);
    expect(await storedFor(send.id)).toEqual([]);

    // The page shown again is the person's: pressing the button (the script sets the mark) answers.
    const answered = await post(send.url, {
      ...personFields(late.text),
      score: "9",
      comment: "とても便利です",
    });
    expect(answered.status).toBe(303);
    expect(await storedFor(send.id)).toEqual([{ score: 9, comment: "とても便利です" }]);
  });

  it("stores nothing on /s/", async () => {
    begin();
    const before = await responseCount();
    const landing = await get(`/s/${surveyId}?score=9`);
    expectAskedAgain(await post(`/s/${surveyId}`, { ft: formTokenIn(landing.text), score: "9" }), 9);
    at(60_000);
    expectAskedAgain(await post(`/s/${surveyId}`, { ft: formTokenIn(landing.text), score: "9" }), 9);
    expect(await responseCount()).toBe(before);
    expect((await post(`/s/${surveyId}`, { ...personFields(landing.text), score: "9" })).status).toBe(303);
    expect(await responseCount()).toBe(before + 1);
  });
});

describe("a person with JavaScript off", () => {
  it("answers when the post comes 3 seconds or more after the page; sooner, is asked to press again", async () => {
    begin();
    const send = await newSend();
    const landing = await get(send.scoreUrls[8]!);
    const fields = { ft: formTokenIn(landing.text), nojs: "1", score: "8", comment: "画面が見やすい" };
    at(2_900);
    const soon = await post(send.url, fields);
    expectAskedAgain(soon, 8, "画面が見やすい");
    expect(await storedFor(send.id)).toEqual([]);
    // The page shown again has its own time: pressing again right away is still too soon…
    const again = { ft: formTokenIn(soon.text), nojs: "1", score: "8", comment: "画面が見やすい" };
    expectAskedAgain(await post(send.url, again), 8);
    // …a moment later it answers.
    at(2_900 + 3_000);
    const answered = await post(send.url, again);
    expect(answered.status).toBe(303);
    expect(answered.location).toMatch(/\/thanks$/);
    expect(await storedFor(send.id)).toEqual([{ score: 8, comment: "画面が見やすい" }]);
  });

  it("goes score first with Next, then the follow-up, each post after the minimum time", async () => {
    begin();
    const send = await newSend();
    const landing = await get(send.url);
    at(5_000);
    const next = await post(send.url, {
      ft: formTokenIn(landing.text),
      nojs: "1",
      score: "4",
      step: "score",
    });
    expect(next.status).toBe(303);
    expect(next.location).toMatch(/\?score=4$/);
    const followUp = await get(next.location!);
    at(10_000);
    const done = await post(send.url, {
      ft: formTokenIn(followUp.text),
      nojs: "1",
      score: "4",
      comment: "遅い",
    });
    expect(done.status).toBe(303);
    expect(await storedFor(send.id)).toEqual([{ score: 4, comment: "遅い" }]);
  });

  it("is refused during a scanner's burst on the send, and answers on a page served well after it", async () => {
    begin();
    const send = await newSend();
    for (const url of send.scoreUrls) await get(url); // all eleven within seconds: a burst
    const page = await get(send.scoreUrls[10]!);
    at(5_000);
    expectAskedAgain(await post(send.url, { ft: formTokenIn(page.text), nojs: "1", score: "10" }), 10);
    expect(await storedFor(send.id)).toEqual([]);
    // The person opens the email a minute later.
    at(60_000);
    const later = await get(send.url);
    at(65_000);
    expect((await post(send.url, { ft: formTokenIn(later.text), nojs: "1", score: "10" })).status).toBe(303);
    expect(await storedFor(send.id)).toEqual([{ score: 10, comment: null }]);
  });

  it("is refused from a page whose hidden trap link was followed, not on another send", async () => {
    begin();
    const send = await newSend();
    const page = await get(send.scoreUrls[6]!);
    expect((await get(`${send.url}/t`)).status).toBe(204);
    at(5_000);
    expectAskedAgain(await post(send.url, { ft: formTokenIn(page.text), nojs: "1", score: "6" }), 6);
    expect(await storedFor(send.id)).toEqual([]);

    at(0); // another send's page, served as the trap was followed: the trap is only its own send's
    const other = await newSend();
    const otherPage = await get(other.scoreUrls[6]!);
    at(5_000);
    expect((await post(other.url, { ft: formTokenIn(otherPage.text), nojs: "1", score: "6" })).status).toBe(
      303,
    );

    at(60_000); // the person, a minute after the scanner
    const later = await get(send.url);
    at(65_000);
    expect((await post(send.url, { ft: formTokenIn(later.text), nojs: "1", score: "6" })).status).toBe(303);
    expect(await storedFor(send.id)).toEqual([{ score: 6, comment: null }]);
  });

  it("is refused from a scanner's user agent", async () => {
    begin();
    const send = await newSend();
    const page = await get(send.url);
    at(5_000);
    const fields = { ft: formTokenIn(page.text), nojs: "1", score: "7" };
    const curl = { "content-type": "application/x-www-form-urlencoded", "user-agent": "curl/8.5.0" };
    expectAskedAgain(await post(send.url, fields, curl), 7);
    const none = { "content-type": "application/x-www-form-urlencoded" };
    expectAskedAgain(await post(send.url, fields, none), 7);
    expect(await storedFor(send.id)).toEqual([]);
  });

  it("answers a link survey after the minimum time, and not sooner", async () => {
    begin();
    const before = await responseCount();
    const landing = await get(`/s/${surveyId}`);
    const fields = { ft: formTokenIn(landing.text), nojs: "1", score: "3" };
    at(1_000);
    expectAskedAgain(await post(`/s/${surveyId}`, fields), 3);
    expect(await responseCount()).toBe(before);
    at(3_000);
    expect((await post(`/s/${surveyId}`, fields)).status).toBe(303);
    expect(await responseCount()).toBe(before + 1);
  });
});

it("the page carries the no-script field only inside <noscript>, and an empty mark field", async () => {
  begin();
  const send = await newSend();
  const { text } = await get(send.url);
  expect(text).toContain('<noscript><input type="hidden" name="nojs" value="1" /></noscript>');
  expect(text).toContain('<input type="hidden" name="h" value="" />');
  expect(personFields(text).h).toMatch(/^[A-Za-z0-9_-]{22}$/);
});
