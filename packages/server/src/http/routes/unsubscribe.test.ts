import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../clock.ts";
import { openTestDatabase } from "../../../test/database.ts";
import { TEST_SECRET, testClient, type TestClient } from "../../../test/app.ts";
import type { OpenDatabase } from "../../db/open.ts";
import { signFormToken } from "../../domain/sends/token.ts";
import { getSuppression, suppress } from "../../domain/suppressions/suppressions.ts";
import { unsubscribeUrl } from "../../domain/suppressions/unsubscribe-token.ts";
import { maskEmail } from "../../pages/unsubscribe-page.ts";
import { createApp } from "../app.ts";

let open: OpenDatabase;
let c: TestClient;
const sendId = "01a20ca8-0f49-7607-98c9-f311bdad81c4";

const pathFor = (email: string, withSend = false) =>
  new URL(unsubscribeUrl("http://koe.test", TEST_SECRET, c.workspaceId, email, withSend ? sendId : undefined))
    .pathname;

async function page(path: string, init: RequestInit = {}) {
  const res = await c.app.request(path, init);
  return { status: res.status, text: await res.text(), type: res.headers.get("content-type") ?? "" };
}

const formToken = (html: string) => /name="ft" value="([^"]+)"/.exec(html)?.[1] ?? "";

function post(path: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
  return page(path, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
    body: new URLSearchParams(fields).toString(),
  });
}

const suppressed = (email: string) => getSuppression(c.db, c.workspaceId, email);

beforeAll(async () => {
  open = await openTestDatabase();
  c = await testClient(open.db);
  const contact = await c.call("POST", "/api/v1/contacts", { email: "taro@example.com", locale: "en" });
  expect(contact.status).toBe(201);
});
afterAll(() => open.close());

describe("GET /u/:token", () => {
  it("shows the masked address and a confirm button, and never unsubscribes", async () => {
    const path = pathFor("taro@example.com", true);
    const res = await page(path);
    expect(res.status).toBe(200);
    expect(res.type).toContain("text/html");
    expect(res.text).toContain("ta***@example.com");
    expect(res.text).not.toContain("taro@example.com");
    expect(res.text).toMatch(/<form method="post" action="\/u\/[A-Za-z0-9_-]+">/);
    expect(res.text).toContain('name="do" value="unsubscribe"');
    expect(res.text).toContain(">Unsubscribe</button>");
    expect(res.text).not.toContain("<script");
    await page(path, { method: "HEAD" });
    expect(await suppressed("taro@example.com")).toBeUndefined();
  });

  it("speaks the contact's locale, else the browser's, else the workspace's (ja)", async () => {
    const contact = await page(pathFor("taro@example.com"), { headers: { "accept-language": "ja" } });
    expect(contact.text).toContain('lang="en"');
    const browser = await page(pathFor("nobody@example.com"), { headers: { "accept-language": "en-US,en" } });
    expect(browser.text).toContain("Stop survey emails from Test workspace?");
    const fallback = await page(pathFor("nobody@example.com"));
    expect(fallback.text).toContain('lang="ja"');
    expect(fallback.text).toContain("配信を停止する</button>");
    expect(fallback.text).toContain("no***@example.com宛てにアンケートメールをお送りしなくなります。");
  });
});

describe("POST /u/:token", () => {
  it("unsubscribes from the page's form and offers to resubscribe, which undoes it", async () => {
    const path = pathFor("hanako@example.com", true);
    const form = await page(path);
    const done = await post(path, { ft: formToken(form.text), do: "unsubscribe" });
    expect(done.status).toBe(200);
    expect(done.text).toContain("配信を停止しました");
    expect(done.text).toContain('name="do" value="resubscribe"');
    expect(await suppressed("hanako@example.com")).toMatchObject({
      reason: "unsubscribed",
      source: `unsubscribe page (send ${sendId})`,
    });
    const again = await post(path, { ft: formToken(done.text), do: "resubscribe" });
    expect(again.status).toBe(200);
    expect(again.text).toContain("配信を再開しました");
    expect(await suppressed("hanako@example.com")).toBeUndefined();
    // Opening the link later shows the confirm button again.
    expect((await page(path)).text).toContain('value="unsubscribe"');
  });

  it("refuses a form without its form token", async () => {
    const path = pathFor("noform@example.com");
    const forms: Record<string, string>[] = [{ do: "unsubscribe" }, { ft: "1.abc", do: "unsubscribe" }];
    for (const fields of forms) {
      const res = await post(path, fields);
      expect(res.status).toBe(403);
      expect(res.text).toContain("もう一度お試しください");
    }
    expect(await suppressed("noform@example.com")).toBeUndefined();
  });

  it("unsubscribes on an RFC 8058 one-click POST (urlencoded or multipart) and answers 200", async () => {
    const res = await post(pathFor("oneclick@example.com", true), { "List-Unsubscribe": "One-Click" });
    expect(res.status).toBe(200);
    expect(await suppressed("oneclick@example.com")).toMatchObject({
      reason: "unsubscribed",
      source: `one-click (send ${sendId})`,
    });
    const body = new FormData();
    body.set("List-Unsubscribe", "One-Click");
    const multipart = await page(pathFor("multipart@example.com"), { method: "POST", body });
    expect(multipart.status).toBe(200);
    expect(await suppressed("multipart@example.com")).toMatchObject({ reason: "unsubscribed" });
  });

  it("does not offer, nor allow, resubscribing over a complaint or bounce", async () => {
    await suppress(c.db, c.workspaceId, { email: "spam@example.com", reason: "complained" });
    const path = pathFor("spam@example.com");
    const shown = await page(path);
    expect(shown.text).toContain("配信停止済みです");
    expect(shown.text).not.toContain("resubscribe");
    // The page has no form here; a form token as an earlier page would have carried it.
    const ft = signFormToken(TEST_SECRET, `unsubscribe:${c.workspaceId}:spam@example.com`, Date.now());
    const res = await post(path, { ft, do: "unsubscribe" });
    expect(res.status).toBe(200);
    expect(res.text).not.toContain("resubscribe");
    const tried = await post(path, { ft, do: "resubscribe" });
    expect(tried.text).toContain("配信停止済みです");
    expect(await suppressed("spam@example.com")).toMatchObject({ reason: "complained" });
  });
});

describe("a bad link", () => {
  it("gets the friendly page with 404 in the browser's language, never a stack trace", async () => {
    const path = pathFor("taro@example.com");
    const token = path.slice("/u/".length);
    const tampered = `/u/${token.slice(0, 10)}${token[10] === "A" ? "B" : "A"}${token.slice(11)}`;
    for (const method of ["GET", "POST"]) {
      const res = await page(tampered, { method, headers: { "accept-language": "ja,en;q=0.5" } });
      expect(res.status).toBe(404);
      expect(res.type).toContain("text/html");
      expect(res.text).toContain("このリンクは無効です");
      expect(res.text).not.toMatch(/Error|at .*\.ts/);
    }
    const english = await page("/u/garbage", { headers: { "accept-language": "en" } });
    expect(english.status).toBe(404);
    expect(english.text).toContain("This link does not work");
    expect(await suppressed("taro@example.com")).toBeUndefined();
  });

  it("is rate limited like the other public pages", async () => {
    const app = createApp({
      db: c.db,
      version: "test",
      secret: TEST_SECRET,
      baseUrl: "http://koe.test",
      publicRequestsPerMinute: 2,
      clock: new ManualClock(Date.UTC(2026, 11, 3, 9, 0, 30)), // stands still: no window ends between the requests
    });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await app.request(pathFor("taro@example.com"))).status);
    expect(statuses).toEqual([200, 200, 429]);
    // One-click unsubscribes arrive in bulk from a mail provider's few addresses: never limited.
    const oneClick = [];
    for (let i = 0; i < 3; i++) {
      const res = await app.request(pathFor(`bulk${i}@example.com`), {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: "List-Unsubscribe=One-Click",
      });
      oneClick.push(res.status);
    }
    expect(oneClick).toEqual([200, 200, 200]);
    expect(await suppressed("bulk2@example.com")).toMatchObject({ reason: "unsubscribed" });
  });
});

describe("maskEmail", () => {
  it("keeps enough to recognise the address", () => {
    expect(maskEmail("taro@example.com")).toBe("ta***@example.com");
    expect(maskEmail("ab@example.com")).toBe("a***@example.com");
    expect(maskEmail("a@example.com")).toBe("a***@example.com");
  });
});
