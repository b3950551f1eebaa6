// bench/overview.ts's calls: what the overview page asks the API for, the filter sets of its filter bar,
// and for each call the naive query over the raw rows that must give the same figures.
import { sql } from "kysely";
import { createApiKey } from "../../packages/server/src/domain/auth/api-keys.ts";
import { createUser } from "../../packages/server/src/domain/auth/users.ts";
import { cesFromCounts } from "../../packages/server/src/domain/scores/ces.ts";
import { csatFromCounts } from "../../packages/server/src/domain/scores/csat.ts";
import { npsFromCounts } from "../../packages/server/src/domain/scores/nps.ts";
import type { SurveyKind } from "../../packages/server/src/domain/scores/scales.ts";
import type { Db } from "../../packages/server/src/db/open.ts";
import type { benchApp } from "./app.ts";
import { log } from "./measure.ts";
import { ADMIN, CONTACTS, surveyDefs, touchpointDefs } from "./overview-data.ts";

interface Fixture {
  ws: string;
  timeZone: string;
  key: string;
  cookie: string;
  survey: string;
  touchpoint: string;
  team: string;
  attribute: [string, string];
}

export async function fixture(db: Db): Promise<Fixture> {
  const { rows } = await sql<{ id: string; time_zone: string }>`
    select w.id, w.time_zone from bench_ws b join workspaces w on w.id = b.id where b.n = 0`.execute(db);
  const { id: ws, time_zone: timeZone } = rows[0] as { id: string; time_zone: string };
  const { key } = await createApiKey(db, ws, { role: "viewer", name: "bench" });
  const pick = async (table: "surveys" | "touchpoints", name: string) =>
    (
      await db
        .selectFrom(table)
        .select("id")
        .where("workspace_id", "=", ws)
        .where("name", "=", name)
        .executeTakeFirstOrThrow()
    ).id;
  await db.deleteFrom("memberships").where("workspace_id", "=", ws).execute();
  await createUser(db, ws, { ...ADMIN, role: "viewer" });
  return {
    ws,
    timeZone,
    key,
    cookie: "",
    survey: await pick("surveys", "Relationship NPS"),
    touchpoint: await pick("touchpoints", "Support (email)"),
    team: "Customer Support",
    attribute: ["plan", "pro"],
  };
}

interface Filters {
  from: string;
  to: string;
  surveyId?: string;
  touchpoint?: string;
  channel?: string;
  team?: string;
  attribute?: [string, string];
}

/** The last 12 months as the admin's filter bar makes them: today in the workspace's time zone and 364 days before. */
function lastYear(timeZone: string): { from: string; to: string } {
  const to = new Intl.DateTimeFormat("en-CA", { timeZone }).format(new Date());
  const from = new Date(Date.parse(`${to}T00:00:00Z`) - 364 * 86_400_000).toISOString().slice(0, 10);
  return { from, to };
}

export function filterSets(f: Fixture): { name: string; filters: Filters }[] {
  const period = lastYear(f.timeZone);
  return [
    { name: "none", filters: period },
    { name: "survey", filters: { ...period, surveyId: f.survey } },
    { name: "touchpoint", filters: { ...period, touchpoint: f.touchpoint } },
    { name: "channel", filters: { ...period, channel: "email" } },
    { name: "team", filters: { ...period, team: f.team } },
    { name: `attribute ${f.attribute.join("=")}`, filters: { ...period, attribute: f.attribute } },
    {
      name: "all five",
      filters: {
        ...period,
        surveyId: f.survey,
        touchpoint: f.touchpoint,
        channel: "email",
        team: f.team,
        attribute: f.attribute,
      },
    },
  ];
}

/** The admin's reportQuery(): the filters as /reports query parameters. */
function reportParams(f: Filters, extra: Record<string, string> = {}): string {
  const q = new URLSearchParams();
  for (const key of ["from", "to", "surveyId", "touchpoint", "channel", "team"] as const) {
    const v = f[key];
    if (v) q.set(key, v);
  }
  if (f.attribute) q.set(`attribute.${f.attribute[0]}`, f.attribute[1]);
  for (const [k, v] of Object.entries(extra)) q.set(k, v);
  return q.toString();
}

interface Call {
  name: string;
  path: (f: Filters) => string;
  /** What the bench compares with the naive query. */
  figures: (body: Record<string, unknown>) => Record<string, unknown>;
  naive?: (db: Db, ws: string, f: Filters) => Promise<Record<string, unknown>>;
}

const summaries = { nps: npsFromCounts, csat: csatFromCounts, ces: cesFromCounts };
const headline = { nps: "nps", csat: "csat", ces: "ces" } as const;

/** The raw rows' filters: the same as the report's, written plainly. */
function rawFilters(alias: string, ws: string, f: Filters) {
  const col = (c: string) => sql.ref(`${alias}.${c}`);
  const where = [sql`${col("workspace_id")} = ${ws}`];
  if (f.surveyId) where.push(sql`${col("survey_id")} = ${f.surveyId}`);
  if (f.touchpoint) where.push(sql`${col("touchpoint_id")} = ${f.touchpoint}`);
  if (f.channel) where.push(sql`${col("channel")} = ${f.channel}`);
  if (f.team) where.push(sql`tp.team = ${f.team}`);
  if (f.attribute) where.push(sql`ct.attributes ->> ${f.attribute[0]} = ${f.attribute[1]}`);
  return where;
}

/** The naive histogram per group: a GROUP BY over the raw responses of the period. */
async function naiveHistograms(
  db: Db,
  ws: string,
  kind: SurveyKind,
  f: Filters,
  byMonth: boolean,
): Promise<Map<string, number[]>> {
  const day = sql`(r.created_at at time zone w.time_zone)::date`;
  const group = byMonth ? sql`to_char(${day}, 'YYYY-MM')` : sql`''`;
  const { rows } = await sql<{ g: string; score: number; n: number }>`
    select ${group} as g, r.score, count(*)::int as n
    from responses r
    join workspaces w on w.id = r.workspace_id
    join surveys s on s.workspace_id = r.workspace_id and s.id = r.survey_id
    left join touchpoints tp on tp.workspace_id = r.workspace_id and tp.id = r.touchpoint_id
    left join contacts ct on ct.workspace_id = r.workspace_id and ct.id = r.contact_id
    where ${sql.join([...rawFilters("r", ws, f), sql`s.kind = ${kind}`, sql`${day} between ${f.from}::date and ${f.to}::date`], sql` and `)}
    group by 1, 2`.execute(db);
  const out = new Map<string, number[]>();
  for (const r of rows) {
    const hist = out.get(r.g) ?? Array<number>(11).fill(0);
    hist[r.score] = r.n;
    out.set(r.g, hist);
  }
  return out;
}

const DAY = 86_400_000;
const isoDay = (t: number) => new Date(t).toISOString().slice(0, 10);

function kindCall(kind: SurveyKind): Call {
  return {
    name: `GET /reports/${kind}`,
    path: (f) => `/api/v1/reports/${kind}?${reportParams(f)}`,
    figures: (b) => ({ n: b.n, [headline[kind]]: b[headline[kind]] }),
    naive: async (db, ws, f) => {
      const hist = (await naiveHistograms(db, ws, kind, f, false)).get("") ?? Array<number>(11).fill(0);
      const s = summaries[kind](hist) as unknown as Record<string, unknown>;
      return { n: s.n, [headline[kind]]: s[headline[kind]] };
    },
  };
}

export const calls: Call[] = [
  {
    name: "GET /reports/nps &compare=previous",
    path: (f) => `/api/v1/reports/nps?${reportParams(f, { compare: "previous" })}`,
    figures: (b) => {
      const p = b.previous as Record<string, unknown> | undefined;
      return { n: b.n, nps: b.nps, previousN: p?.n, previousNps: p?.nps };
    },
    naive: async (db, ws, f) => {
      const days = Math.round((Date.parse(f.to) - Date.parse(f.from)) / DAY) + 1;
      const before = { from: isoDay(Date.parse(f.from) - days * DAY), to: isoDay(Date.parse(f.from) - DAY) };
      const empty = Array<number>(11).fill(0);
      const now = npsFromCounts((await naiveHistograms(db, ws, "nps", f, false)).get("") ?? empty);
      const then = npsFromCounts(
        (await naiveHistograms(db, ws, "nps", { ...f, ...before }, false)).get("") ?? empty,
      );
      return { n: now.n, nps: now.nps, previousN: then.n, previousNps: then.nps };
    },
  },
  {
    name: "GET /reports/nps &groupBy=month",
    path: (f) => `/api/v1/reports/nps?${reportParams(f, { groupBy: "month" })}`,
    figures: (b) => ({
      n: b.n,
      groups: ((b.groups ?? []) as { key: string; n: number; nps: number | null }[])
        .map((g) => `${g.key}:${g.n}:${g.nps}`)
        .join(" "),
    }),
    naive: async (db, ws, f) => {
      const groups = [...(await naiveHistograms(db, ws, "nps", f, true)).entries()].sort(([a], [b]) =>
        a < b ? -1 : 1,
      );
      const summaries = groups.map(([key, hist]) => ({ key, ...npsFromCounts(hist) }));
      return {
        n: summaries.reduce((a, g) => a + g.n, 0),
        groups: summaries.map((g) => `${g.key}:${g.n}:${g.nps}`).join(" "),
      };
    },
  },
  kindCall("csat"),
  kindCall("ces"),
  {
    name: "GET /reports/response-rate",
    path: (f) => `/api/v1/reports/response-rate?${reportParams(f)}`,
    figures: (b) => ({ sends: b.sends, responded: b.responded }),
    naive: async (db, ws, f) => {
      const day = sql`(s.created_at at time zone w.time_zone)::date`;
      const { rows } = await sql<{ sends: number; responded: number }>`
        select count(*)::int as sends, count(r.id)::int as responded
        from sends s
        join workspaces w on w.id = s.workspace_id
        left join responses r on r.workspace_id = s.workspace_id and r.send_id = s.id
        left join touchpoints tp on tp.workspace_id = s.workspace_id and tp.id = s.touchpoint_id
        left join contacts ct on ct.workspace_id = s.workspace_id and ct.id = s.contact_id
        where ${sql.join([...rawFilters("s", ws, f), sql`(s.metadata ->> 'test') is distinct from 'true'`, sql`${day} between ${f.from}::date and ${f.to}::date`], sql` and `)}`.execute(
        db,
      );
      return rows[0] ?? {};
    },
  },
];

/** The filter bar's own calls: the same for every filter set. */
export const barCalls = [
  { name: "GET /session", path: "/api/v1/session", cookie: true },
  { name: "GET /surveys?limit=1000", path: "/api/v1/surveys?limit=1000", cookie: false },
  { name: "GET /touchpoints?limit=1000", path: "/api/v1/touchpoints?limit=1000", cookie: false },
];

/**
 * Today's answers and invitations arriving after the job's last run, as on a live workspace: the reports
 * read today from the raw rows (the job is not run again before measuring).
 */
export async function liveChanges(app: ReturnType<typeof benchApp>, db: Db, ws: string): Promise<void> {
  const { key } = await createApiKey(db, ws, { role: "owner", name: "bench live" });
  const headers = { authorization: `Bearer ${key}`, "content-type": "application/json" };
  const { rows } = await sql<{ contact: string; survey: string; touchpoint: string | null }>`
    select c.id as contact, s.id as survey, t.id as touchpoint
    from bench_ct c join bench_sv s on s.ws = 0 and s.k = c.k % ${surveyDefs.length}
    left join bench_tp t on t.ws = 0 and t.k = c.k % ${touchpointDefs.length + 1}
    where c.ws = 0 and c.k >= ${Math.floor(Math.random() * (CONTACTS - 600))} order by c.k limit 500`.execute(
    db,
  );
  const body = rows.map((r, i) => ({
    surveyId: r.survey,
    contactId: r.contact,
    touchpointId: r.touchpoint,
    score: 1 + (i % 5),
    source: "api",
  }));
  const res = await app.request("/api/v1/responses", { method: "POST", headers, body: JSON.stringify(body) });
  if (res.status !== 201) throw new Error(`live responses: ${res.status} ${await res.text()}`);
  for (const r of rows.slice(0, 100)) {
    const sent = await app.request("/api/v1/sends", {
      method: "POST",
      headers,
      body: JSON.stringify({ surveyId: r.survey, contactId: r.contact, touchpointId: r.touchpoint }),
    });
    if (sent.status !== 201) throw new Error(`live send: ${sent.status} ${await sent.text()}`);
  }
  const { rows: noted } = await sql<{ rollup: string; days: number }>`
    select rollup, count(distinct d)::int as days from rollup_changes c cross join lateral unnest(c.days) d
    where workspace_id = ${ws} group by 1
    order by 1`.execute(db);
  log(
    `live: ${rows.length} responses and 100 sends today through the API; days not yet recomputed: ` +
      (noted.map((n) => `${n.rollup} ${n.days}`).join(", ") || "none"),
  );
}
