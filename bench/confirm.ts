// Confirming a response over HTTP on PostgreSQL: the person's form submit on /r/:token, driven by many
// concurrent clients against the real server on a loopback port. Baseline: raw single-row INSERTs into
// responses with the same concurrency, measured in the same run. Then p99 latency at a fixed 500 req/s.
import { fork } from "node:child_process";
import autocannon from "autocannon";
import { sql } from "kysely";
import { saveAnswer } from "../packages/server/src/domain/responses/answer.ts";
import { answerTargetOf, loadSendContext } from "../packages/server/src/domain/sends/send-context.ts";
import { humanMark, signFormToken, signSendToken } from "../packages/server/src/domain/sends/token.ts";
import { createSurvey } from "../packages/server/src/domain/surveys/surveys.ts";
import { createWorkspace } from "../packages/server/src/domain/workspaces/workspaces.ts";
import { newId } from "../packages/server/src/domain/ids.ts";
import { BENCH_SECRET } from "./support/app.ts";
import { freshDatabase } from "./support/postgres.ts";
import { int, log, ms, printTable, ratio, verdict } from "./support/measure.ts";

const CONNECTIONS = 50;
const DURATION_S = Number(process.env.DURATION ?? 10);
const SENDS = Number(process.env.SENDS ?? 400_000);

async function main(): Promise<void> {
  const { open, url } = await freshDatabase("koe_bench_confirm", 20);
  const { db } = open;
  const ws = await createWorkspace(db, { name: "bench" });
  const survey = await createSurvey(db, ws, {
    name: "NPS",
    kind: "nps",
    question: { en: "Recommend?" },
    followUps: {},
    defaultLocale: "en",
    status: "active",
  });
  log(`creating ${int(SENDS)} sends`);
  const forms: { path: string; body: string }[] = [];
  // Half the sends are answered over HTTP, the other half by calling the confirm's own code in process.
  const directSends: string[] = [];
  const expiresAt = new Date(Date.now() + 30 * 86_400_000);
  for (let from = 0; from < SENDS; from += 10_000) {
    const ids = Array.from({ length: Math.min(10_000, SENDS - from) }, () => newId());
    await sql`insert into sends (workspace_id, id, survey_id, channel, expires_at)
      select ${ws}, id, ${survey.id}, 'email', ${expiresAt} from unnest(${ids}::uuid[]) as id`.execute(db);
    ids.forEach((id, k) => {
      const i = from + k;
      if (i % 2) return void directSends.push(id);
      const path = `/r/${signSendToken(BENCH_SECRET, { workspaceId: ws, sendId: id, expiresAt })}`;
      // As a person's browser posts the form: with the mark the page script sets on their first tap.
      const token = signFormToken(BENCH_SECRET, id, Date.now());
      const ft = encodeURIComponent(token);
      const h = encodeURIComponent(humanMark(BENCH_SECRET, token));
      forms.push({ path, body: `ft=${ft}&h=${h}&score=${i % 11}&comment=bench+comment+${i}&step=done` });
    });
  }
  await sql`analyze sends`.execute(db);

  // The server runs in its own process with the server's default pool, as `koe serve` does.
  const server = fork(new URL("./support/serve.ts", import.meta.url), {
    env: { ...process.env, DATABASE_URL: url },
    execArgv: ["--import", "tsx", ...(process.env.PROFILE ? ["--cpu-prof", "--cpu-prof-dir=/tmp/prof"] : [])],
  });
  const port = await new Promise<number>((r) => server.once("message", (m: { port: number }) => r(m.port)));
  let next = 0;
  const request = (req: autocannon.Request) => {
    const f = forms[next++ % forms.length]!;
    return {
      ...req,
      method: "POST" as const,
      path: f.path,
      headers: {
        ...req.headers,
        host: `127.0.0.1:${port}`,
        "content-type": "application/x-www-form-urlencoded",
        "user-agent": "Mozilla/5.0 bench",
      },
      body: f.body,
    };
  };
  const run = (opts: Partial<autocannon.Options>) =>
    autocannon({
      url: `http://127.0.0.1:${port}`,
      connections: CONNECTIONS,
      duration: DURATION_S,
      requests: [{ setupRequest: request }],
      ...opts,
    });

  log("baseline: raw single-row INSERTs");
  const stop = Date.now() + DURATION_S * 1000;
  let inserts = 0;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (Date.now() < stop) {
        await sql`insert into responses (workspace_id, id, survey_id, channel, score, segment, source, created_at)
          values (${ws}, ${newId()}, ${survey.id}, 'email', 7, 'passive', 'email', now())`.execute(db);
        inserts++;
      }
    }),
  );
  const insertRate = inserts / DURATION_S;

  // The confirm's database work and the Node code around it, without HTTP: what the server could reach
  // if HTTP cost nothing, on the same pool size as the baseline.
  log("the confirm's own code called in process (no HTTP)");
  const stopDirect = Date.now() + DURATION_S * 1000;
  let direct = 0;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      for (let id = directSends.pop(); id && Date.now() < stopDirect; id = directSends.pop()) {
        const context = await loadSendContext(db, ws, id);
        const answer = { score: direct % 11, comment: `bench comment ${direct}`, locale: "en" as const };
        await saveAnswer(db, ws, answerTargetOf(context!), answer, new Date());
        direct++;
      }
    }),
  );
  const directRate = direct / DURATION_S;

  log(`confirm: ${CONNECTIONS} concurrent clients for ${DURATION_S} s`);
  const flat = await run({});
  const confirmRate = flat.requests.average;
  const ok = flat["3xx"];
  log(`status codes: ${JSON.stringify(flat.statusCodeStats)}`);
  log("confirm at a fixed 500 requests/s");
  const paced = await run({ overallRate: 500, connections: 20 });

  const counted = await sql<{
    n: number;
  }>`select count(*)::int as n from responses where workspace_id = ${ws} and send_id is not null`.execute(db);
  printTable("Confirm a response over HTTP (PostgreSQL)", [
    ["measure", "value", "goal"],
    ["raw single-row INSERT rate", `${int(insertRate)}/s`, ""],
    [
      "confirm's code in process, no HTTP",
      `${int(directRate)}/s (${ratio(directRate / insertRate)} INSERT)`,
      "",
    ],
    ["confirm rate (303 answers)", `${int(confirmRate)}/s (${int(ok)} ok, ${flat.non2xx - ok} other)`, ""],
    [
      "confirm / INSERT",
      ratio(confirmRate / insertRate),
      `≥ 0.5× ${verdict(confirmRate / insertRate >= 0.5)}`,
    ],
    [
      "p50 / p99 at 500 req/s",
      `${ms(paced.latency.p50)} / ${ms(paced.latency.p99)}`,
      `p99 < 50 ms ${verdict(paced.latency.p99 < 50)}`,
    ],
    ["achieved rate when paced", `${int(paced.requests.average)}/s`, ""],
    ["responses stored via sends (both)", `${int(counted.rows[0]?.n ?? 0)} of ${int(SENDS)} sends`, ""],
  ]);
  server.send("stop");
  await new Promise((r) => server.once("exit", r));
  await open.close();
}

await main();
