// Every public page — /r/, /s/, /u/, their thank-you and error pages — sends a Content-Security-Policy:
// no script but the page's own (by its hash), nothing loaded from elsewhere, forms and fetches to this
// server only, and framing only by the workspace's allow-list (nobody when it is empty or unknown).
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "../../test/database.ts";
import { TEST_SECRET, testClient, type TestClient } from "../../test/app.ts";
import { personFields } from "../../test/page-form.ts";
import type { OpenDatabase } from "../db/open.ts";
import { unsubscribeUrl } from "../domain/suppressions/unsubscribe-token.ts";

let open: OpenDatabase;
let c: TestClient;
let surveyId: string;
let contactId: string;

const browser = { "user-agent": "Mozilla/5.0 (X11; Linux x86_64) Chrome/130 Safari/537.36" };
const local = (url: string) => url.replace(/^https?:\/\/[^/]+/, "");

async function fetchPage(client: TestClient, url: string, init: RequestInit = {}) {
  const res = await client.app.request(local(url), { ...init, headers: { ...browser, ...init.headers } });
  const csp = res.headers.get("content-security-policy") ?? "";
  const directives = Object.fromEntries(
    csp
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name!, values.join(" ")]),
  );
  return {
    status: res.status,
    text: await res.text(),
    csp,
    directives,
    xfo: res.headers.get("x-frame-options"),
  };
}
const page = (url: string, init?: RequestInit) => fetchPage(c, url, init);

const post = (url: string, fields: Record<string, string>) =>
  page(url, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields),
  });

async function newSend(client = c, survey = surveyId, contact = contactId) {
  return (await client.call("POST", "/api/v1/sends", { surveyId: survey, contactId: contact })).body as {
    url: string;
    scoreUrls: string[];
  };
}

async function seed(client: TestClient) {
  const survey = (
    await client.call("POST", "/api/v1/surveys", {
      name: "NPS",
      kind: "nps",
      status: "active",
      question: { ja: "{brand}を友人や同僚に薦める可能性は、どのくらいありますか？" },
    })
  ).body.id as string;
  const contact = (await client.call("POST", "/api/v1/contacts", { email: "taro@example.jp" })).body
    .id as string;
  return { survey, contact };
}

beforeAll(async () => {
  open = await openTestDatabase();
  c = await testClient(open.db);
  ({ survey: surveyId, contact: contactId } = await seed(c));
});
afterAll(() => open.close());

/** The pages of one workspace, each kind once (and the answer's thank-you pages). */
async function everyPage(client: TestClient, survey: string, contact: string) {
  const send = await newSend(client, survey, contact);
  const landing = await fetchPage(client, send.scoreUrls[9]!);
  const form = { "content-type": "application/x-www-form-urlencoded" };
  const answer = async (url: string, fields: Record<string, string>) => {
    const res = await client.app.request(local(url), {
      method: "POST",
      headers: { ...browser, ...form },
      body: new URLSearchParams(fields),
    });
    return res;
  };
  const refused = await fetchPage(client, send.url, {
    method: "POST",
    headers: form,
    body: new URLSearchParams({ ft: personFields(landing.text).ft, score: "9" }),
  });
  const answered = await answer(send.url, { ...personFields(landing.text), score: "9", step: "done" });
  const link = await fetchPage(client, `/s/${survey}`);
  const linkAnswered = await answer(`/s/${survey}`, { ...personFields(link.text), score: "9", step: "done" });
  const cookie = linkAnswered.headers.get("set-cookie")?.split(";")[0] ?? "";
  const unsubscribe = unsubscribeUrl("http://koe.test", TEST_SECRET, client.workspaceId, "taro@example.jp");
  const unsubscribePage = await fetchPage(client, unsubscribe);
  return {
    "/r/ page": landing,
    "/r/ refused post": refused,
    "/r/ thank-you": await fetchPage(client, answered.headers.get("location")!),
    "/s/ page": link,
    "/s/ thank-you": await fetchPage(client, linkAnswered.headers.get("location")!, { headers: { cookie } }),
    "/u/ page": unsubscribePage,
    "/u/ done": await fetchPage(client, unsubscribe, {
      method: "POST",
      headers: form,
      body: new URLSearchParams({ ft: personFields(unsubscribePage.text).ft, do: "unsubscribe" }),
    }),
  };
}

describe("the public pages' Content-Security-Policy", () => {
  it("allows only the page's own script, by the hash of the script it carries, and loads nothing else", async () => {
    const send = await newSend();
    const res = await page(send.scoreUrls[9]!);
    expect(res.status).toBe(200);
    const scripts = [...res.text.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)];
    expect(scripts).toHaveLength(1);
    const hash = createHash("sha256").update(scripts[0]![1]!, "utf8").digest("base64");
    expect(res.directives).toMatchObject({
      "default-src": "'none'",
      "script-src": `'sha256-${hash}'`,
      "style-src": "'unsafe-inline'",
      "img-src": "https:",
      "connect-src": "'self'",
      "form-action": "'self'",
      "base-uri": "'none'",
      "frame-ancestors": "'none'",
    });
    // An inline event handler or javascript: URL would be blocked (and would be a script without a hash).
    expect(res.text).not.toMatch(/\son[a-z]+=|javascript:/i);
  });

  it("is sent on every page kind, with frame-ancestors 'none' while the workspace allows no site", async () => {
    const pages = await everyPage(c, surveyId, contactId);
    expect(Object.fromEntries(Object.entries(pages).map(([k, p]) => [k, p.status]))).toEqual({
      "/r/ page": 200,
      "/r/ refused post": 422,
      "/r/ thank-you": 200,
      "/s/ page": 200,
      "/s/ thank-you": 200,
      "/u/ page": 200,
      "/u/ done": 200,
    });
    for (const [kind, p] of Object.entries(pages)) {
      expect(p.directives["default-src"], kind).toBe("'none'");
      expect(p.directives["frame-ancestors"], kind).toBe("'none'");
      expect(p.xfo, kind).toBe("DENY");
    }
  });

  it("lets only the workspace's allowed origins frame its pages", async () => {
    const shop = await testClient(open.db);
    const { survey, contact } = await seed(shop);
    const origins = ["https://www.shop.example", "https://*.shop.example.jp"];
    expect((await shop.call("PATCH", "/api/v1/workspace", { settings: { embed: { origins } } })).status).toBe(
      200,
    );
    for (const [kind, p] of Object.entries(await everyPage(shop, survey, contact))) {
      expect(p.directives["frame-ancestors"], kind).toBe(
        "https://www.shop.example https://*.shop.example.jp",
      );
      expect(p.xfo, kind).toBeNull();
      expect(p.directives["default-src"], kind).toBe("'none'");
    }
    // Another workspace's pages stay unframeable.
    const other = await page((await newSend()).url);
    expect(other.directives["frame-ancestors"]).toBe("'none'");
  });

  it("sends frame-ancestors 'none' on error pages whose workspace is unknown", async () => {
    const send = await newSend();
    const token = send.url.split("/r/")[1]!;
    const errors = {
      "bad /r/ token": await page(`/r/${token.slice(0, -2)}AA`),
      "bad /u/ token": await page("/u/not-a-token"),
      "unknown survey": await page("/s/01a20ca8-0f49-7607-98c9-f311bdad81c4"),
      "forged form": await post(send.url, { ft: "1.forged", score: "9" }),
    };
    for (const [kind, p] of Object.entries(errors)) {
      expect(p.status, kind).toBeGreaterThanOrEqual(400);
      expect(p.text, kind).toContain("<!doctype html>");
      expect(p.directives["frame-ancestors"], kind).toBe("'none'");
      expect(p.directives["script-src"], kind).toMatch(/^'sha256-/);
    }
  });

  it("is on the rate limit's page too", async () => {
    const limited = await testClient(open.db, { deps: { publicRequestsPerMinute: 1 } });
    await fetchPage(limited, `/s/${surveyId}`);
    const res = await fetchPage(limited, `/s/${surveyId}`);
    expect(res.status).toBe(429);
    expect(res.directives["frame-ancestors"]).toBe("'none'");
    expect(res.directives["default-src"]).toBe("'none'");
  });
});
