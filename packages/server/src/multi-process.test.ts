// Two real `koe serve` processes on one PostgreSQL database, each with a data directory of its own, as
// behind a load balancer: a campaign goes out once, a personal link made by either opens on both, and the
// public pages' rate limit counts both processes' requests. PostgreSQL only: the embedded database is one
// process by construction (its data directory is locked).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { onPostgres } from "../test/database.ts";
import { startKoe, type KoeServer } from "../test/koe-process.ts";
import { openPrivateDatabase } from "../test/private-database.ts";
import { startTestSmtp, type TestSmtp } from "../test/smtp.ts";
import type { OpenDatabase } from "./db/open.ts";

const KEY = "multi-process-test-key";
const LIMIT = 6;
const CONTACTS = 30;

let smtp: TestSmtp;
let open: OpenDatabase;
let a: KoeServer;
let b: KoeServer;
const dirs: string[] = [];

async function until<T>(what: string, check: () => Promise<T | undefined | false>, ms = 90_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function api<T = unknown>(server: KoeServer, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${server.url}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${KEY}`, "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

/** A public page as the client `client` (named by the trusted proxy's header): its status. */
async function page(server: KoeServer, path: string, client = "192.0.2.1"): Promise<number> {
  const res = await fetch(`${server.url}${path}`, {
    headers: { "x-forwarded-for": client },
    redirect: "manual",
  });
  await res.arrayBuffer();
  return res.status;
}

describe.skipIf(!onPostgres())("two koe serve processes on one PostgreSQL", { timeout: 240_000 }, () => {
  beforeAll(async () => {
    smtp = await startTestSmtp();
    const db = await openPrivateDatabase("koe_two_processes");
    open = db;
    const env = (name: string) => {
      const dataDir = mkdtempSync(join(tmpdir(), `koe-${name}-`));
      dirs.push(dataDir);
      return {
        DATABASE_URL: db.url,
        PORT: "0",
        KOE_DATA_DIR: dataDir,
        KOE_BOOTSTRAP_API_KEY: KEY,
        SMTP_URL: smtp.url,
        BASE_URL: "http://koe.test",
        KOE_PUBLIC_RATE_LIMIT: String(LIMIT),
        // The test's requests come from the loopback: let it name clients, as a proxy there would.
        KOE_TRUST_PROXY: "loopback",
      };
    };
    // Started together, as a deployment starts them: both ensure the key, workspace and secret at once.
    [a, b] = await Promise.all([startKoe(env("a")), startKoe(env("b"))]);
  }, 240_000);

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await open?.close();
    await smtp?.close();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it("sends a campaign's messages exactly once between them, and links made by either open on both", async () => {
    await api(a, "PATCH", "/workspace", {
      settings: {
        fatigue: { quietStart: "00:00", quietEnd: "00:00" },
        sender: { name: "Hikari Cloud", address: "nps@hikari-cloud.example.jp" },
      },
    });
    const survey = await api<{ id: string }>(a, "POST", "/surveys", {
      name: "NPS",
      kind: "nps",
      status: "active",
      defaultLocale: "en",
      question: { en: "How likely are you to recommend us?" },
      followUps: {},
    });
    const emails = Array.from({ length: CONTACTS }, (_, i) => `person${i}@example.com`);
    for (const [i, email] of emails.entries())
      await api(i % 2 ? b : a, "POST", "/contacts", { email, name: `Person ${i}`, locale: "en" });
    const campaign = await api<{ id: string }>(b, "POST", "/campaigns", {
      name: "Both processes",
      surveyId: survey.id,
      audience: { kind: "all" },
    });
    await api(b, "POST", `/campaigns/${campaign.id}/launch`);

    // Done when the ledger has every first message sent: nothing of this campaign is left to send now.
    await until("every first message sent", async () => {
      const rows = await open.db.selectFrom("deliveries").select("status").where("step", "=", 0).execute();
      return rows.length === CONTACTS && rows.every((r) => r.status === "sent");
    });
    const recipients = smtp.messages.map((m) => (m.to && "text" in m.to ? m.to.text : ""));
    expect(recipients.sort()).toEqual([...emails].sort());

    // The emails' links were signed by whichever process sent them; each opens on both.
    const links = smtp.messages.map((m) => /http:\/\/koe\.test(\/r\/[\w-]+)/.exec(m.text ?? "")?.[1]);
    expect(links.filter(Boolean)).toHaveLength(CONTACTS);
    for (const link of links.slice(0, 5) as string[]) {
      expect(await page(a, link, "192.0.2.10")).toBe(200);
      expect(await page(b, link, "192.0.2.11")).toBe(200);
    }
    // As do links made through either process's API.
    for (const [maker, i] of [
      [a, 0],
      [b, 1],
    ] as const) {
      const contact = await api<{ data: { id: string }[] }>(maker, "GET", `/contacts?q=person${i}@`);
      const send = await api<{ url: string }>(maker, "POST", "/sends", {
        surveyId: survey.id,
        contactId: contact.data[0]!.id,
      });
      const path = new URL(send.url).pathname;
      expect(await page(a, path, "192.0.2.12")).toBe(200);
      expect(await page(b, path, "192.0.2.13")).toBe(200);
    }
  });

  it("counts the public pages' rate limit across both processes", async () => {
    const hitsOf = async (client: string) => {
      const rows = await open.db
        .selectFrom("rate_limit_hits")
        .select("hits")
        .where("bucket", "=", "public")
        .where("client", "=", client)
        .execute();
      return rows.reduce((sum, r) => sum + r.hits, 0);
    };
    // The limit's windows follow the wall clock; a try that straddles a minute's end is tried again.
    for (let attempt = 1; ; attempt++) {
      const client = `198.51.100.${attempt}`;
      const minute = Math.floor(Date.now() / 60_000);
      const statuses: number[] = [];
      for (let i = 0; i < LIMIT / 2; i++)
        statuses.push(await page(a, "/s/none", client), await page(b, "/s/none", client));
      // Each process alone has seen half the limit: none refused.
      expect(statuses.every((s) => s === 404)).toBe(true);
      await until("both processes' hits in the database", async () => (await hitsOf(client)) === LIMIT);
      // One more on each: after flushing it, each process knows the total of both.
      await page(a, "/s/none", client);
      await page(b, "/s/none", client);
      await until("the next hits in the database", async () => (await hitsOf(client)) === LIMIT + 2);
      const after = [await page(a, "/s/none", client), await page(b, "/s/none", client)];
      if (Math.floor(Date.now() / 60_000) !== minute && attempt < 5) continue;
      // Counted per process, each would be at 5 of 6 and let these through.
      expect(after).toEqual([429, 429]);
      // Another client is not held back.
      expect(await page(a, "/s/none", `203.0.113.${attempt}`)).toBe(404);
      break;
    }
  });
});
