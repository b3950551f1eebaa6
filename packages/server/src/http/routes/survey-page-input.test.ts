// What a person can type into a survey page: any text is stored or cut, never a 500; each segment's own
// question only (a preference from the unhappy, a testimonial from the happy); an edit keeps what stays.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../clock.ts";
import type { OpenDatabase } from "../../db/open.ts";
import { TEST_SECRET, testClient, type TestClient } from "../../../test/app.ts";
import { openTestDatabase } from "../../../test/database.ts";
import { humanMark } from "../../domain/sends/token.ts";

let open: OpenDatabase;
let c: TestClient;
let surveyId: string;
let contactId: string;
/** The app's clock: it moves only when a test moves it. */
const clock = new ManualClock("2026-12-03T09:00:00Z");
const browser = { "user-agent": "Mozilla/5.0 (X11; Linux x86_64) Chrome/130 Safari/537.36" };
const form = { ...browser, "content-type": "application/x-www-form-urlencoded" };
const local = (url: string) => url.replace(/^https?:\/\/[^/]+/, "");

async function page(path: string, init: RequestInit = {}) {
  const res = await c.app.request(local(path), { headers: browser, ...init });
  return { status: res.status, text: await res.text() };
}
const tokenIn = (html: string) => /name="ft" value="([^"]+)"/.exec(html)?.[1] ?? "";

/** A new personal link, opened in a browser: its URL and the page's form token. */
async function opened() {
  const send = (await c.call("POST", "/api/v1/sends", { surveyId, contactId })).body as {
    id: string;
    url: string;
  };
  return { ...send, ft: tokenIn((await page(send.url)).text) };
}
/** Posts as a person's browser does: with the mark the page script sets on their first interaction. */
const submit = (path: string, fields: Record<string, string>) =>
  page(path, {
    method: "POST",
    headers: form,
    body: new URLSearchParams({ step: "done", h: humanMark(TEST_SECRET, fields.ft ?? ""), ...fields }),
  });
const stored = (sendId: string) =>
  c.db
    .selectFrom("responses")
    .selectAll()
    .where("workspace_id", "=", c.workspaceId)
    .where("send_id", "=", sendId)
    .executeTakeFirstOrThrow();

beforeAll(async () => {
  open = await openTestDatabase();
  c = await testClient(open.db, { deps: { clock } });
  surveyId = (
    await c.call("POST", "/api/v1/surveys", {
      name: "NPS",
      kind: "nps",
      status: "active",
      question: { en: "How likely are you to recommend {brand}?" },
      settings: { brandName: "Acme $' Co" },
    })
  ).body.id;
  contactId = (await c.call("POST", "/api/v1/contacts", { email: "a@example.jp", name: "A", locale: "en" }))
    .body.id;
});
afterAll(() => open.close());

describe("text typed into a survey page", () => {
  it("stores a comment with a NUL in it without the NUL, instead of failing", async () => {
    const s = await opened();
    expect((await submit(s.url, { ft: s.ft, score: "9", comment: "a\u0000b" })).status).toBe(303);
    expect((await stored(s.id)).comment).toBe("ab");
  });

  it("takes a link survey's meta.* and order parameters with a NUL in them", async () => {
    const path = `/s/${surveyId}?meta.x=%00y&order=A%001`;
    const ft = tokenIn((await page(path)).text);
    expect((await submit(path, { ft, score: "9" })).status).toBe(303);
  });

  it("cuts a comment at 5,000 characters counted as people count them, never through an emoji", async () => {
    const s = await opened();
    const comment = "a".repeat(4999) + "😀😀";
    expect((await submit(s.url, { ft: s.ft, score: "9", comment })).status).toBe(303);
    const kept = (await stored(s.id)).comment ?? "";
    expect([...kept]).toHaveLength(5000);
    expect(kept.endsWith("a😀")).toBe(true);
  });

  it("puts the brand into the question literally, $ patterns and all", async () => {
    const s = await opened();
    const h1 = /<h1>([^<]*)<\/h1>/.exec((await page(s.url)).text)?.[1];
    expect(h1).toBe("How likely are you to recommend Acme $&#39; Co?");
  });
});

describe("each segment's own question", () => {
  it("stores no testimonial consent from a detractor, even if the form says yes", async () => {
    const s = await opened();
    await submit(s.url, { ft: s.ft, score: "1", testimonial: "yes", contact: "phone" });
    expect(await stored(s.id)).toMatchObject({ testimonial_consent_text: null, contact_preference: "phone" });
  });

  it("keeps a promoter's consent and its time through a score change, and drops it for a detractor", async () => {
    const s = await opened();
    await submit(s.url, { ft: s.ft, score: "10", testimonial: "yes", comment: "great" });
    const given = await stored(s.id);
    expect(given.testimonial_consent_text).not.toBeNull();
    await clock.advance(60_000); // a minute later: a consent stamped again would show it
    const confirm = (score: string) => submit(`${s.url}/confirm`, { ft: s.ft, score });
    expect((await confirm("9")).status).toBe(204);
    const nine = await stored(s.id);
    expect(nine.testimonial_consent_text).toBe(given.testimonial_consent_text);
    expect(nine.testimonial_consent_at?.getTime()).toBe(given.testimonial_consent_at?.getTime());
    expect((await confirm("2")).status).toBe(204);
    expect(await stored(s.id)).toMatchObject({ score: 2, comment: "great", testimonial_consent_text: null });
  });

  it("keeps the person's words when an admin accepts one of their clicks as the answer", async () => {
    const s = await opened();
    await page(`${s.url}?score=3`);
    await submit(s.url, { ft: s.ft, score: "2", comment: "The phone line never answers", contact: "phone" });
    const intents = (await c.call("GET", `/api/v1/sends/${s.id}`)).body.intents as {
      id: string;
      score: number;
    }[];
    const click = intents.find((i) => i.score === 3);
    expect((await c.call("POST", `/api/v1/sends/${s.id}/intents/${click!.id}/accept`)).status).toBe(200);
    expect(await stored(s.id)).toMatchObject({
      score: 3,
      comment: "The phone line never answers",
      contact_preference: "phone",
    });
  });
});

describe("the thank-you page", () => {
  it("says until when the answer can be changed on the workspace's calendar", async () => {
    expect((await c.call("PATCH", "/api/v1/workspace", { timeZone: "Pacific/Honolulu" })).status).toBe(200);
    const s = await opened();
    await submit(s.url, { ft: s.ft, score: "9" });
    const until = new Date((await stored(s.id)).created_at.getTime() + 7 * 86_400_000);
    const day = new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeZone: "Pacific/Honolulu" }).format(
      until,
    );
    expect((await page(`${s.url}/thanks`)).text).toContain(day);
  });
});
