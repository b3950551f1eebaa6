// SIGKILLs of `koe serve` in the middle of a campaign sent to a real SMTP server, each followed by a
// restart on the same data directory, until the campaign is done. Returns who received how many messages and what the
// ledger says of each message, so the CI test (email.test.ts) can assert what the design guarantees and the
// soak script (bench/crash-soak.ts) can count how often the one known window is met.
import { rm } from "node:fs/promises";
import { sql } from "kysely";
import { openEmbedded } from "../packages/server/src/db/open.ts";
import type { TestSmtp } from "../packages/server/test/smtp.ts";
import { Api } from "./api.ts";
import { npsSurvey } from "./fixtures.ts";
import { startServer, type KoeServer } from "./server.ts";

export const recipientOf = (m: TestSmtp["messages"][number]) => (m.to && "text" in m.to ? m.to.text : "");

export async function until(done: () => boolean | Promise<boolean>, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A workspace ready to send: quiet hours off (the test may run at night in Tokyo), a sender. */
export async function prepareSending(api: Api): Promise<string> {
  await api.call("PATCH", "/workspace", {
    settings: {
      fatigue: { quietStart: "00:00", quietEnd: "00:00" },
      sender: { name: "Hikari Cloud", address: "nps@hikari-cloud.example.jp" },
    },
  });
  return (await api.createSurvey(npsSurvey)).id;
}

export interface CrashOutcome {
  recipients: number;
  /** Messages the SMTP server had accepted at the last kill. */
  atCrash: number;
  /** Messages per second before the last kill. */
  rate: number;
  /** Messages each address received (addresses that received none are absent). */
  counts: Map<string, number>;
  /** Addresses that received nothing. */
  missing: string[];
  /** Addresses whose message the ledger took as sent after the crash (its fate unknown to the process). */
  unknownFate: Set<string>;
  progress: { recipients: number; sent: number; failed: number; reconciled: number };
  log: string;
}

export async function runCrashScenario(opts: {
  smtp: TestSmtp;
  recipients: number;
  /** Kill (and restart) once the SMTP server has accepted each of these many messages. */
  killAfter: number[];
  prefix?: string;
}): Promise<CrashOutcome> {
  const { smtp } = opts;
  const prefix = opts.prefix ?? "crash";
  const lease = 3;
  const env = { SMTP_URL: smtp.url, KOE_MAIL_LEASE_SECONDS: String(lease) };
  let server: KoeServer = await startServer({ env });
  try {
    const api = new Api(server);
    const surveyId = await prepareSending(api);
    const campaign = await api.call<{ id: string }>("POST", "/campaigns", {
      name: `${opts.recipients} recipients`,
      surveyId,
      audience: { kind: "csv" },
    });
    const emails = Array.from(
      { length: opts.recipients },
      (_, i) => `${prefix}-${String(i).padStart(5, "0")}@example.com`,
    );
    const csv = ["email,name,plan", ...emails.map((e, i) => `${e},顧客 ${i},${i % 2 ? "pro" : "free"}`)].join(
      "\n",
    );
    const upload = await fetch(`${server.baseUrl}/api/v1/campaigns/${campaign.id}/audience`, {
      method: "POST",
      headers: { authorization: `Bearer ${server.apiKey}`, "content-type": "text/csv" },
      body: csv,
    });
    if (!upload.ok) throw new Error(`audience upload: ${upload.status} ${await upload.text()}`);
    const ours = () => smtp.messages.filter((m) => recipientOf(m).startsWith(`${prefix}-`));

    await api.call("POST", `/campaigns/${campaign.id}/launch`);
    let launched = Date.now();
    let before = 0;
    let rate = 0;
    let atCrash = 0;
    for (const threshold of opts.killAfter) {
      await until(() => ours().length >= threshold, 120_000, `${threshold} messages before a crash`);
      rate = (ours().length - before) / ((Date.now() - launched) / 1000);
      await server.kill();
      atCrash = ours().length;
      server = await startServer({ env, restart: server });
      launched = Date.now();
      before = atCrash;
    }
    const restarted = new Api(server);
    await until(
      async () =>
        (await restarted.call<{ status: string }>("GET", `/campaigns/${campaign.id}`)).status === "done",
      180_000,
      "the campaign to finish after the restart",
    );
    const progress = await restarted.call<CrashOutcome["progress"]>(
      "GET",
      `/campaigns/${campaign.id}/progress`,
    );
    const log = server.log();
    await server.stop(); // keeps the data dir (a restart): the ledger is read below
    const counts = new Map<string, number>();
    for (const m of ours()) counts.set(recipientOf(m), (counts.get(recipientOf(m)) ?? 0) + 1);
    return {
      recipients: opts.recipients,
      atCrash,
      rate,
      counts,
      missing: emails.filter((e) => !counts.has(e)),
      unknownFate: await unknownFateRecipients(server.dataDir, campaign.id),
      progress,
      log,
    };
  } finally {
    await server.stop();
    await rm(server.dataDir, { recursive: true, force: true });
  }
}

/** The addresses whose first message recovery took as sent (`reconciled: …`), read from the stopped server's ledger. */
async function unknownFateRecipients(dataDir: string, campaignId: string): Promise<Set<string>> {
  const open = await openEmbedded(dataDir);
  try {
    const rows = await sql<{ email: string }>`
      select c.email from deliveries d
      join sends s on s.workspace_id = d.workspace_id and s.id = d.send_id
      join contacts c on c.workspace_id = s.workspace_id and c.id = s.contact_id
      where s.campaign_id = ${campaignId} and d.step = 0 and d.reason like 'reconciled:%'`.execute(open.db);
    return new Set(rows.rows.map((r) => r.email));
  } finally {
    await open.close();
  }
}
