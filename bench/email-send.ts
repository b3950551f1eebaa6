// Personalised survey emails to a local SMTP server through the product's path (campaign → delivery
// ledger → fatigue rule → render → SMTP pool, every step recorded in PostgreSQL), against a bare nodemailer
// pool sending the same number of pre-rendered messages to the same server, interleaved round by round in
// the same run (the machine is noisy). Goal: the product path at ≥ 80 % of the bare rate.
import { fork, type ChildProcess } from "node:child_process";
import nodemailer from "nodemailer";
import type SMTPPool from "nodemailer/lib/smtp-pool";
import { sql } from "kysely";
import type { Db } from "../packages/server/src/db/open.ts";
import { smtpMailer } from "../packages/server/src/channels/email/smtp-mailer.ts";
import { changeCampaign, createCampaign } from "../packages/server/src/domain/campaigns/campaigns.ts";
import { createSurvey } from "../packages/server/src/domain/surveys/surveys.ts";
import { createWorkspace } from "../packages/server/src/domain/workspaces/workspaces.ts";
import { previewCampaignMail } from "../packages/server/src/jobs/campaign-preview.ts";
import { createMailWorker } from "../packages/server/src/jobs/mail-worker.ts";
import { BENCH_SECRET } from "./support/app.ts";
import { freshDatabase } from "./support/postgres.ts";
import { int, log, median, printTable, ratio, verdict } from "./support/measure.ts";

const MESSAGES = Number(process.env.BENCH_EMAILS ?? 3_000);
const ROUNDS = Number(process.env.BENCH_EMAIL_ROUNDS ?? 3);
/** SMTP connections, the same for both paths. */
const CONNECTIONS = 5;
const links = { secret: BENCH_SECRET, baseUrl: "https://koe.example.com" };

function ask<T>(child: ChildProcess, message?: string): Promise<T> {
  return new Promise((resolve) => {
    child.once("message", (m) => resolve(m as T));
    if (message) child.send(message);
  });
}

/** A workspace with a Japanese NPS survey and MESSAGES contacts; quiet hours off (runs at any hour). */
async function workspaceWithContacts(db: Db, round: number): Promise<{ ws: string; surveyId: string }> {
  const ws = await createWorkspace(db, { name: `Hikari Cloud ${round}`, timeZone: "Asia/Tokyo" });
  await sql`update workspaces set settings = '{"fatigue":{"quietStart":"00:00","quietEnd":"00:00"}}' where id = ${ws}`.execute(
    db,
  );
  const survey = await createSurvey(db, ws, {
    name: "NPS",
    kind: "nps",
    question: {
      ja: "{brand}を友人や同僚に薦める可能性は、どのくらいありますか？",
      en: "How likely are you to recommend {brand}?",
    },
    followUps: {},
    defaultLocale: "ja",
    status: "active",
  });
  await sql`
    insert into contacts (workspace_id, id, email, name, locale, attributes)
    select ${ws}::uuid, gen_random_uuid(), 'person' || i || '@example.com', '山田 ' || i,
           case when i % 4 = 0 then 'en' else 'ja' end, jsonb_build_object('plan', 'pro')
    from generate_series(1, ${MESSAGES}) as i`.execute(db);
  return { ws, surveyId: survey.id };
}

async function bare(
  url: string,
  sample: { subject: string; html: string; text: string; from: { name: string; address: string } },
) {
  const options: SMTPPool.Options & { url: string } = {
    url,
    pool: true,
    maxConnections: CONNECTIONS,
    maxMessages: Infinity,
  };
  const transport = nodemailer.createTransport(options);
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  let next = 0;
  await Promise.all(
    Array.from({ length: 10 }, async () => {
      while (next < MESSAGES) {
        const i = next++;
        await transport.sendMail({ ...sample, to: `person${i}@example.com` });
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(c0);
  transport.close();
  return { rate: MESSAGES / seconds, cpuMs: (cpu.user + cpu.system) / 1000 / MESSAGES };
}

async function product(db: Db, url: string, round: number) {
  const { ws, surveyId } = await workspaceWithContacts(db, round);
  const campaign = await createCampaign(db, ws, { name: "bench", surveyId, audience: { kind: "all" } });
  await changeCampaign(db, ws, campaign.id, "launch", new Date());
  const mailer = smtpMailer(url, { maxConnections: CONNECTIONS });
  const worker = createMailWorker({ db, mailer, links, batch: 200, concurrency: 10 });
  const queued = () =>
    sql<{ n: number }>`select count(*)::int as n from deliveries where status = 'queued'`.execute(db);
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  while ((await worker.tick()) > 0 || (await queued()).rows[0]!.n > 0);
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(c0);
  await mailer.close();
  const sent = await sql<{ n: number }>`
    select count(*)::int as n from deliveries where workspace_id = ${ws} and status = 'sent' and reason is null`.execute(
    db,
  );
  const n = sent.rows[0]!.n;
  return { rate: n / seconds, sent: n, cpuMs: (cpu.user + cpu.system) / 1000 / MESSAGES };
}

async function main(): Promise<void> {
  const sink = fork(new URL("./support/smtp-sink.ts", import.meta.url), { execArgv: ["--import", "tsx"] });
  const { port } = await ask<{ port: number }>(sink);
  const url = `smtp://127.0.0.1:${port}`;
  const { open } = await freshDatabase("koe_bench_email");
  const { db } = open;

  // The baseline sends the product's own rendered message, prepared once.
  const { ws, surveyId } = await workspaceWithContacts(db, 0);
  const probe = await createCampaign(db, ws, { name: "probe", surveyId, audience: { kind: "all" } });
  const sample = await previewCampaignMail(db, ws, probe.id, links, undefined);
  log(
    `message: html ${int(sample.html.length)} B, text ${int(sample.text.length)} B; ${int(MESSAGES)} per round, ${ROUNDS} rounds`,
  );

  // One uncounted round first, so both paths run JIT-compiled code when measured.
  await bare(url, sample);
  await product(db, url, 0.5);
  const rows: string[][] = [
    ["round", "bare msg/s", "product msg/s", "ratio", "node CPU ms/msg (bare / product)"],
  ];
  const ratios: number[] = [];
  let sentAll = 0;
  for (let r = 1; r <= ROUNDS; r++) {
    const b = await bare(url, sample);
    const p = await product(db, url, r);
    sentAll += p.sent;
    ratios.push(p.rate / b.rate);
    rows.push([
      String(r),
      int(b.rate),
      int(p.rate),
      ratio(p.rate / b.rate),
      `${b.cpuMs.toFixed(2)} / ${p.cpuMs.toFixed(2)}`,
    ]);
    log(`round ${r}: bare ${int(b.rate)}/s, product ${int(p.rate)}/s`);
  }
  const received = (await ask<{ received: number }>(sink, "count")).received;
  rows.push([
    "median",
    "",
    "",
    `${ratio(median(ratios))} (goal ≥ 0.80 ${verdict(median(ratios) >= 0.8)})`,
    "",
  ]);
  printTable(
    `Personalised survey emails to a local SMTP server, ${CONNECTIONS} connections (PostgreSQL)`,
    rows,
  );
  const expected = (ROUNDS + 1) * MESSAGES * 2;
  console.log(
    `check: the server received ${int(received)} messages, ${int(expected)} expected (both paths, warm-up included); product sent ${int(sentAll)} of ${int(ROUNDS * MESSAGES)} ${verdict(received === expected && sentAll === ROUNDS * MESSAGES)}`,
  );
  sink.send("stop");
  await open.close();
}

await main();
