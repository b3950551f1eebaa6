// Bodies under the real Node server (app.request() has no Node request to read from).
import type { AddressInfo } from "node:net";
import { serve, type ServerType } from "@hono/node-server";
import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bodyBytes, bodyText, contentTypeCharset, formFields, limitBody } from "./body.ts";

let server: ServerType;
let base: string;

beforeAll(async () => {
  const app = new Hono()
    .use(limitBody(1024, (c) => c.text("too large", 413)))
    .post("/form", async (c) => c.json(await formFields(c)))
    .post("/twice", async (c) => c.json([await bodyText(c), await bodyText(c)]))
    .post("/bytes", async (c) => c.json([...(await bodyBytes(c))]));
  server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" });
  await new Promise((r) => server.once("listening", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((r) => server.close(r)));

/** A body sent in pieces, with no declared length (Transfer-Encoding: chunked). */
function chunked(text: string): RequestInit {
  const bytes = new TextEncoder().encode(text);
  const body = new ReadableStream({
    start(controller) {
      for (let i = 0; i < bytes.length; i += 100) controller.enqueue(bytes.subarray(i, i + 100));
      controller.close();
    },
  });
  return { method: "POST", body, duplex: "half" } as RequestInit;
}

const form = { "content-type": "application/x-www-form-urlencoded" };

describe("request bodies under the Node server", () => {
  it("reads a posted form with its Japanese text, declared length or chunked alike", async () => {
    const text = new URLSearchParams({ score: "3", comment: "電話が つながりません 😢" }).toString();
    const declared = await fetch(`${base}/form`, { method: "POST", body: text, headers: form });
    expect(await declared.json()).toEqual({ score: "3", comment: "電話が つながりません 😢" });
    const sent = await fetch(`${base}/form`, { ...chunked(text), headers: form });
    expect(await sent.json()).toEqual({ score: "3", comment: "電話が つながりません 😢" });
  });

  it("answers an empty chunked body and drops a leading byte-order mark", async () => {
    const empty = await fetch(`${base}/form`, { ...chunked(""), headers: form });
    expect(await empty.json()).toEqual({});
    const marked = await fetch(`${base}/form`, { method: "POST", body: "\uFEFFscore=9", headers: form });
    expect(await marked.json()).toEqual({ score: "9" });
  });

  it("gives the same text to a second read", async () => {
    const res = await fetch(`${base}/twice`, { method: "POST", body: "こんにちは" });
    expect(await res.json()).toEqual(["こんにちは", "こんにちは"]);
  });

  it("gives an uploaded file's bytes unchanged: Shift_JIS, a byte-order mark, declared length or chunked", async () => {
    const bytes = [0xef, 0xbb, 0xbf, 0x8e, 0x52, 0x93, 0x63, 0x0d, 0x0a, 0x82];
    const declared = await fetch(`${base}/bytes`, { method: "POST", body: new Uint8Array(bytes) });
    expect(await declared.json()).toEqual(bytes);
    const body = new ReadableStream({
      start(controller) {
        controller.enqueue(new Uint8Array(bytes.slice(0, 4)));
        controller.enqueue(new Uint8Array(bytes.slice(4)));
        controller.close();
      },
    });
    const sent = await fetch(`${base}/bytes`, { method: "POST", body, duplex: "half" } as RequestInit);
    expect(await sent.json()).toEqual(bytes);
  });

  it("reads the charset a Content-Type declares", () => {
    expect(contentTypeCharset("text/csv; charset=Shift_JIS")).toBe("Shift_JIS");
    expect(contentTypeCharset('text/csv;charset="utf-16le"; header=present')).toBe("utf-16le");
    expect(contentTypeCharset("text/csv")).toBeUndefined();
    expect(contentTypeCharset(undefined)).toBeUndefined();
  });

  it("refuses a body over the limit with 413, declared or counted as it arrives", async () => {
    const big = `comment=${"あ".repeat(400)}`; // 1,208 bytes
    const declared = await fetch(`${base}/form`, { method: "POST", body: big, headers: form });
    expect(declared.status).toBe(413);
    const sent = await fetch(`${base}/form`, { ...chunked(big), headers: form });
    expect(sent.status).toBe(413);
    const small = await fetch(`${base}/form`, { ...chunked("comment=ok"), headers: form });
    expect(await small.json()).toEqual({ comment: "ok" });
  });
});
