// Property-based fuzzing of the API: whatever a client sends, the answer is never a 5xx, every 4xx is
// problem+json naming its fields, and nothing is half-written (rollups always agree with responses).
import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "../../../test/database.ts";
import { testClient, type TestClient } from "../../../test/app.ts";
import type { OpenDatabase } from "../../db/open.ts";

const RUNS = 150;

let open: OpenDatabase;
let c: TestClient;
let other: TestClient;
const ids = {
  nps: "",
  csat: "",
  ces: "",
  touchpoint: "",
  contact: "",
  otherSurvey: "",
  otherTouchpoint: "",
  otherContact: "",
  campaign: "",
};
const surveys: string[] = [];

interface Answer {
  status: number;
  body: unknown;
  headers: Headers;
}

/** What every answer must satisfy, whatever was sent. */
/** Answers seen per endpoint and status class, to prove the fuzzer reached past validation. */
const seen = new Map<string, number>();
function expectWellFormed(res: Answer, endpoint: string, sent: string): void {
  const tally = `${endpoint} ${String(res.status)[0]}xx`;
  seen.set(tally, (seen.get(tally) ?? 0) + 1);
  const context = `${endpoint}: ${sent.slice(0, 400)} → ${res.status} ${JSON.stringify(res.body)?.slice(0, 500)}`;
  expect(res.status, context).toBeLessThan(500);
  if (res.status < 400) return;
  expect(res.headers.get("content-type"), context).toContain("application/problem+json");
  const problem = res.body as { status?: unknown; title?: unknown; detail?: unknown; errors?: unknown };
  expect(problem.status, context).toBe(res.status);
  expect(typeof problem.title, context).toBe("string");
  expect(typeof problem.detail, context).toBe("string");
  if (res.status === 422) {
    expect(Array.isArray(problem.errors), context).toBe(true);
    const errors = problem.errors as { path?: unknown; message?: unknown }[];
    expect(errors.length, context).toBeGreaterThan(0);
    for (const e of errors) {
      expect(typeof e.path, context).toBe("string");
      expect(typeof e.message, context).toBe("string");
    }
  }
}

// ---- arbitraries -------------------------------------------------------------------------------

const nastyChars = [
  "\u0000",
  "\ud800",
  "\udfff",
  "\ud83d\ude00",
  "\u202e",
  "\ufeff",
  "\u200b",
  "'",
  '"',
  "\\",
  "%",
  "&",
  "=",
  "?",
  "#",
  "/",
  "\n",
  "声",
  "ｶ",
];
/** Mostly ordinary text; now and then a NUL, an unpaired surrogate, an emoji, a bidi override… */
const unicodeString = (maxLength = 40) =>
  fc.string({
    maxLength,
    unit: fc.oneof(
      { weight: 30, arbitrary: fc.string({ unit: "grapheme", minLength: 1, maxLength: 1 }) },
      { weight: 10, arbitrary: fc.string({ unit: "grapheme-ascii", minLength: 1, maxLength: 1 }) },
      { weight: 2, arbitrary: fc.string({ unit: "binary", minLength: 1, maxLength: 1 }) },
      { weight: 1, arbitrary: fc.constantFrom(...nastyChars) },
      { weight: 1, arbitrary: fc.integer({ min: 0, max: 0xffff }).map((u) => String.fromCharCode(u)) },
    ),
  });
const nanLike = fc.constantFrom(
  "NaN",
  "Infinity",
  "-Infinity",
  "1e309",
  "-0",
  "0x10",
  "9".repeat(400),
  "",
  " ",
  "null",
  "undefined",
  "true",
  "[]",
  "{}",
  "10",
  "9.5",
);
const longString = fc
  .tuple(fc.integer({ min: 190, max: 12_000 }), fc.constantFrom("x", "声", "😀", " "))
  .map(([n, ch]) => ch.repeat(n));
const hugeNumber = fc.oneof(
  fc.constantFrom(1e308, -1e308, 2 ** 53 + 2, -(2 ** 63), 5e-324, -0, 0.1, 10.000001, 2 ** 31, 32768, -32769),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
);
const deepNesting = fc.tuple(fc.integer({ min: 1, max: 3000 }), fc.boolean()).map(([depth, asArray]) => {
  let v: unknown = 5;
  for (let i = 0; i < depth; i++) v = asArray ? [v] : { a: v };
  return v;
});
const dates = fc.oneof(
  fc
    .date({
      min: new Date("1999-01-01T00:00:00Z"),
      max: new Date("2030-12-31T00:00:00Z"),
      noInvalidDate: true,
    })
    .map((d) => d.toISOString()),
  fc
    .tuple(
      fc.integer({ min: 0, max: 10_000 }),
      fc.integer({ min: 0, max: 14 }),
      fc.integer({ min: 0, max: 33 }),
    )
    .map(
      ([y, m, d]) =>
        `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`,
    ),
  fc.constantFrom(
    "2026-02-30",
    "2026-02-29",
    "0000-01-01",
    "0001-01-01T00:00:00+01:00",
    "9999-12-31T23:59:59-23:59",
    "2025-01-01T00:00:00+99:99",
    "2025-06-01T12:00:00+09:00",
    "2025-06-01T12:00:00.123456789Z",
    "2025-06-01",
    "yesterday",
    "2020-01-01T00:00:00-20:45",
    "2020-01-01T00:00:00+15:59",
    "2020-01-01T00:00:00-12:00",
    "2020-01-01T00:00:00+14:00",
  ),
  // Any offset the ISO pattern allows (±23:59); PostgreSQL refuses those beyond ±15:59.
  fc
    .tuple(
      fc.date({
        min: new Date("2000-01-02T00:00:00Z"),
        max: new Date("2030-12-31T00:00:00Z"),
        noInvalidDate: true,
      }),
      fc.constantFrom("+", "-"),
      fc.integer({ min: 0, max: 23 }),
      fc.integer({ min: 0, max: 59 }),
    )
    .map(
      ([d, sign, h, m]) =>
        `${d.toISOString().slice(0, 19)}${sign}${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}`,
    ),
);
/** Anything a JSON body can hold, and then some. */
const anything: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.jsonValue() },
  { weight: 2, arbitrary: unicodeString() },
  { weight: 1, arbitrary: nanLike },
  { weight: 1, arbitrary: longString },
  { weight: 1, arbitrary: hugeNumber },
  { weight: 1, arbitrary: deepNesting },
  { weight: 1, arbitrary: fc.dictionary(unicodeString(10), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 5 }) },
);
const someId = (pick: () => string[]) =>
  fc.oneof(
    fc.nat().map((i) => {
      const choices = pick();
      return choices[i % choices.length] as string;
    }),
    fc.uuid(),
    fc.constant("not-an-id"),
  );

/** A valid body, then some of its fields replaced by other values (often bad ones). */
function mutated(
  valid: fc.Arbitrary<Record<string, unknown>>,
  fields: Record<string, fc.Arbitrary<unknown>>,
) {
  const names = Object.keys(fields);
  const patch = fc
    .uniqueArray(fc.constantFrom(...names), { minLength: 1, maxLength: 3 })
    .chain((keys) =>
      fc.tuple(
        ...keys.map((k) =>
          fc
            .oneof(fields[k] as fc.Arbitrary<unknown>, anything, fc.constant(undefined))
            .map((v) => [k, v] as const),
        ),
      ),
    );
  return fc.oneof(
    { weight: 2, arbitrary: valid },
    {
      weight: 3,
      arbitrary: fc.tuple(valid, patch).map(([body, changes]) => {
        const out: Record<string, unknown> = { ...body };
        for (const [k, v] of changes) {
          if (v === undefined) delete out[k];
          else out[k] = v;
        }
        return out;
      }),
    },
  );
}

const past = fc
  .date({ min: new Date("2000-01-02T00:00:00Z"), max: new Date(Date.now() - 60_000), noInvalidDate: true })
  .map((d) => d.toISOString());
const validRow = fc.record(
  {
    surveyId: fc.constantFrom("nps", "nps", "csat", "ces").map((k) => ids[k as "nps" | "csat" | "ces"]),
    score: fc.integer({ min: 1, max: 5 }),
    touchpointId: fc.constant(null).map(() => ids.touchpoint),
    contactId: fc.constant(null).map(() => ids.contact),
    channel: fc.constantFrom("email", "chat", "phone", "web", "in_app", "in_person", "other"),
    comment: fc.oneof(unicodeString(200), fc.constant(null)),
    locale: fc.constantFrom("ja", "en", null),
    metadata: fc.dictionary(
      unicodeString(8).filter((k) => k.length > 0),
      fc.oneof(unicodeString(20), hugeNumber, fc.boolean(), fc.constant(null)),
      {
        maxKeys: 3,
      },
    ),
    source: fc.constantFrom("email", "link", "widget", "api", "import"),
    createdAt: past,
  },
  { requiredKeys: ["surveyId", "score"] },
);
const responseRow = mutated(validRow, {
  surveyId: someId(() => [ids.nps, ids.csat, ids.ces, ids.otherSurvey]),
  score: fc.integer({ min: -2, max: 12 }),
  touchpointId: fc.oneof(
    someId(() => [ids.touchpoint, ids.otherTouchpoint]),
    fc.constant(null),
  ),
  contactId: fc.oneof(
    someId(() => [ids.contact, ids.otherContact]),
    fc.constant(null),
  ),
  channel: fc.constantFrom("fax", "EMAIL"),
  comment: fc.oneof(longString, fc.constant("x".repeat(5000)), fc.constant("x".repeat(5001))),
  locale: fc.constantFrom("fr", "JA"),
  metadata: fc.dictionary(unicodeString(70), anything, { maxKeys: 60 }),
  source: fc.constantFrom("carrier-pigeon"),
  createdAt: dates,
  extra: anything,
});
const anyRow = fc.oneof({ weight: 6, arbitrary: responseRow }, { weight: 1, arbitrary: anything });

const localeText = fc
  .record({ ja: unicodeString(60), en: unicodeString(60) }, { requiredKeys: [] })
  .filter((t) => Object.keys(t).length > 0);
const validSurvey = fc.record(
  {
    name: unicodeString(30),
    kind: fc.constantFrom("nps", "csat", "ces"),
    question: localeText,
    followUps: fc.dictionary(fc.constantFrom("detractor", "passive", "promoter"), localeText, { maxKeys: 3 }),
    defaultLocale: fc.constantFrom("ja", "en"),
    status: fc.constantFrom("draft", "active", "closed"),
  },
  { requiredKeys: ["name", "kind", "question"] },
);
const surveyBody = mutated(validSurvey, {
  name: fc.oneof(longString, fc.constant(""), fc.constant("   ")),
  kind: fc.constantFrom("NPS", "stars"),
  question: fc.oneof(fc.constant({}), fc.record({ fr: unicodeString(5) }), fc.record({ ja: longString })),
  followUps: fc.dictionary(
    fc.constantFrom("detractor", "passive", "promoter", "unhappy", "neutral", "happy", "hater"),
    anything,
    { maxKeys: 3 },
  ),
  defaultLocale: fc.constantFrom("de"),
  status: fc.constantFrom("deleted"),
  extra: anything,
});
const validTouchpoint = fc.record(
  {
    name: unicodeString(30),
    kind: fc.constantFrom("product", "support", "sales", "marketing", "onboarding", "billing", "other"),
    channel: fc.constantFrom("email", "chat", "phone", "web", "in_app", "in_person", "other"),
    team: fc.oneof(unicodeString(20), fc.constant(null)),
    journeyStage: fc.constantFrom("awareness", "purchase", "support", "advocacy", null),
  },
  { requiredKeys: ["name", "kind", "channel"] },
);
const touchpointBody = mutated(validTouchpoint, {
  name: fc.oneof(longString, fc.constant("")),
  kind: fc.constantFrom("x"),
  channel: fc.constantFrom("fax"),
  team: longString,
  journeyStage: fc.constantFrom("limbo"),
  extra: anything,
});
const validContact = fc.record(
  {
    email: fc.oneof(
      fc
        .tuple(fc.stringMatching(/^[a-zA-Z0-9._+-]{1,20}$/), fc.stringMatching(/^[a-z0-9-]{1,12}$/))
        .map(([user, host]) => `${user}@${host}.example`),
      fc.emailAddress(),
    ),
    name: fc.oneof(unicodeString(30), fc.constant(null)),
    locale: fc.constantFrom("ja", "en", null),
    timeZone: fc.constantFrom("Asia/Tokyo", "Europe/Paris", "UTC", null),
    externalId: fc.uuid(),
    attributes: fc.dictionary(
      unicodeString(20).filter((k) => k.length > 0),
      fc.oneof(unicodeString(20), hugeNumber, fc.boolean()),
      { maxKeys: 4 },
    ),
  },
  { requiredKeys: [] },
);
const contactBody = mutated(validContact, {
  email: fc.oneof(unicodeString(30), fc.constant("ALICE@EXAMPLE.COM"), fc.constant(null)),
  timeZone: fc.constantFrom("Mars/Olympus", ""),
  locale: fc.constantFrom("xx"),
  companyId: fc.oneof(fc.uuid(), fc.constant(null)),
  attributes: fc.dictionary(unicodeString(70), anything, { maxKeys: 60 }),
  extra: anything,
});

/** Percent-encodes a path segment; a lone surrogate cannot be encoded, so it is sent as a broken escape. */
function pathSegment(s: string): string {
  try {
    return encodeURIComponent(s);
  } catch {
    return "%E0%A4%A";
  }
}

/** A JSON text: usually the encoding of some value, sometimes not JSON at all. */
const jsonText = (value: fc.Arbitrary<unknown>) =>
  fc.oneof(
    { weight: 14, arbitrary: value.map((v) => JSON.stringify(v) ?? "null") },
    { weight: 1, arbitrary: unicodeString(50) },
    { weight: 1, arbitrary: fc.constantFrom("", "{", "[1,", '{"surveyId":', "nul", "\u0000", "1e999999") },
  );
const queryKeys = fc.constantFrom(
  "from",
  "to",
  "q",
  "team",
  "attribute.plan",
  "surveyId",
  "touchpoint",
  "touchpointId",
  "contactId",
  "channel",
  "groupBy",
  "segment",
  "source",
  "limit",
  "cursor",
  "atomic",
);
const queryValue = fc.oneof(
  dates,
  unicodeString(30),
  fc.constantFrom("\u0000", "a\u0000b", "pro", "sales"),
  nanLike,
  someId(() => [ids.nps, ids.touchpoint]),
  fc.constantFrom(
    "day",
    "week",
    "month",
    "touchpoint",
    "channel",
    "segment",
    "survey",
    "month,touchpoint",
    "day,day",
    "a,b,c",
  ),
  fc.constantFrom("phone", "web", "promoter", "happy", "import", "0", "1001", "-1", "2.5", "1e3"),
  fc.base64String({ maxLength: 80 }),
  fc.constant(Buffer.from(JSON.stringify(["0000-01-01T00:00:00Z", randomUUID()])).toString("base64url")),
  fc.constant(Buffer.from(JSON.stringify(["+275760-09-13T00:00:00Z", randomUUID()])).toString("base64url")),
);
const queryString = fc.oneof(
  fc
    .array(
      fc.oneof(
        { weight: 2, arbitrary: fc.tuple(fc.constantFrom("from", "to"), dates) },
        { weight: 4, arbitrary: fc.tuple(queryKeys, queryValue) },
        { weight: 1, arbitrary: fc.tuple(unicodeString(10), queryValue) },
      ),
      { maxLength: 5 },
    )
    .map((pairs) => {
      const params = new URLSearchParams();
      for (const [k, v] of pairs) params.append(k, v);
      return params.toString();
    }),
  // Raw, possibly broken, percent-encoding.
  fc.string({
    unit: fc.constantFrom("a", "=", "&", "%", "z", "0", "F", "+", "from", "to", "groupBy", "limit", "é"),
    maxLength: 30,
  }),
);

// ---- the database must never be half-written ---------------------------------------------------

async function responseCount(): Promise<number> {
  const { rows } = await sql<{
    n: number;
  }>`select count(*)::int as n from responses where workspace_id = ${c.workspaceId}`.execute(c.db);
  return rows[0]?.n ?? 0;
}

/** Rollup rows rebuilt from the responses table, and as stored; they must be equal. */
async function rollupsBothWays(): Promise<{ fromResponses: string[]; stored: string[] }> {
  const cols = Array.from({ length: 11 }, (_, s) => `c${s}`);
  const counts = sql.raw(
    cols.map((col, s) => `count(*) filter (where r.score = ${s})::int as ${col}`).join(", "),
  );
  const sums = sql.raw(cols.map((col) => `sum(${col})::int as ${col}`).join(", "));
  const key = (r: Record<string, unknown>) =>
    [r.survey_id, r.survey_kind, r.day, r.touchpoint_id, r.channel, r.n, ...cols.map((col) => r[col])].join(
      "|",
    );
  const built = await sql<Record<string, unknown>>`
    select r.survey_id::text as survey_id, s.kind as survey_kind,
           to_char((r.created_at at time zone w.time_zone)::date, 'YYYY-MM-DD') as day,
           coalesce(r.touchpoint_id, '00000000-0000-0000-0000-000000000000')::text as touchpoint_id,
           r.channel, count(*)::int as n, ${counts}
    from responses r
    join surveys s on s.workspace_id = r.workspace_id and s.id = r.survey_id
    join workspaces w on w.id = r.workspace_id
    where r.workspace_id = ${c.workspaceId}
    group by 1, 2, 3, 4, 5`.execute(c.db);
  // Rollups may spread one key over several rows (slots); what counts is their sum.
  const stored = await sql<Record<string, unknown>>`
    select survey_id::text as survey_id, survey_kind, to_char(day, 'YYYY-MM-DD') as day, touchpoint_id::text as touchpoint_id,
           channel, sum(n)::int as n, ${sums}
    from response_rollups where workspace_id = ${c.workspaceId}
    group by 1, 2, 3, 4, 5
    having sum(n) <> 0 or ${sql.raw(cols.map((col) => `sum(${col}) <> 0`).join(" or "))}`.execute(c.db);
  return { fromResponses: built.rows.map(key).sort(), stored: stored.rows.map(key).sort() };
}

// ---- setup -------------------------------------------------------------------------------------

beforeAll(async () => {
  open = await openTestDatabase();
  c = await testClient(open.db);
  other = await testClient(open.db);
  const make = async (client: TestClient, path: string, body: object) => {
    const res = await client.call("POST", path, body);
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  ids.nps = await make(c, "/api/v1/surveys", { name: "NPS", kind: "nps", question: { en: "Recommend?" } });
  ids.csat = await make(c, "/api/v1/surveys", { name: "CSAT", kind: "csat", question: { en: "Satisfied?" } });
  ids.ces = await make(c, "/api/v1/surveys", {
    name: "CES",
    kind: "ces",
    question: { ja: "簡単でしたか？" },
  });
  surveys.push(ids.nps, ids.csat, ids.ces);
  ids.touchpoint = await make(c, "/api/v1/touchpoints", {
    name: "Support",
    kind: "support",
    channel: "phone",
  });
  ids.contact = await make(c, "/api/v1/contacts", { email: "fuzz@example.com" });
  ids.campaign = await make(c, "/api/v1/campaigns", {
    name: "Fuzz",
    surveyId: ids.nps,
    audience: { kind: "all" },
  });
  ids.otherSurvey = await make(other, "/api/v1/surveys", {
    name: "Theirs",
    kind: "nps",
    question: { en: "?" },
  });
  ids.otherTouchpoint = await make(other, "/api/v1/touchpoints", {
    name: "Theirs",
    kind: "sales",
    channel: "web",
  });
  ids.otherContact = await make(other, "/api/v1/contacts", { email: "theirs@example.com" });
});
afterAll(() => open.close());

/** POSTs to /responses and checks the stored count moved exactly as the answer says. */
async function postResponses(body: string, query: string): Promise<void> {
  const before = await responseCount();
  const res = await c.call("POST", `/api/v1/responses${query}`, body);
  expectWellFormed(res, "POST /api/v1/responses", `${query} ${body}`);
  const after = await responseCount();
  const answer = res.body as { inserted?: number; errors?: unknown[] };
  if (res.status === 201 && answer.inserted === undefined) expect(after - before).toBe(1);
  else if (res.status < 300) expect(after - before).toBe(answer.inserted);
  else expect(after, `a ${res.status} stored rows`).toBe(before);
  if (res.status === 200) expect(answer.errors?.length).toBeGreaterThan(0);
}

describe("fuzzing the API", () => {
  it("POST /responses with one arbitrary response", async () => {
    await fc.assert(
      fc.asyncProperty(jsonText(anyRow), fc.constantFrom("", "?atomic=true", "?atomic=false"), postResponses),
      { numRuns: RUNS },
    );
  });

  it("POST /responses with arbitrary batches, atomic or not", async () => {
    const batch = fc.oneof(
      fc.array(anyRow, { maxLength: 12 }),
      fc.record({ responses: fc.oneof(fc.array(anyRow, { maxLength: 12 }), anything) }),
      anything,
    );
    await fc.assert(
      fc.asyncProperty(
        jsonText(batch),
        fc.constantFrom("", "?atomic=true", "?atomic=false", "?atomic=yes", "?atomic=true&x=1"),
        postResponses,
      ),
      { numRuns: RUNS },
    );
  });

  it("POST /surveys and PATCH /surveys/:id", async () => {
    await fc.assert(
      fc.asyncProperty(jsonText(surveyBody), async (body) => {
        const res = await c.call("POST", "/api/v1/surveys", body);
        expectWellFormed(res, "POST /api/v1/surveys", body);
        if (res.status === 201) surveys.push(res.body.id as string);
      }),
      { numRuns: RUNS },
    );
    const target = fc.oneof(
      { weight: 4, arbitrary: fc.nat().map((i) => surveys[i % surveys.length] as string) },
      {
        weight: 1,
        arbitrary: fc.oneof(fc.uuid(), unicodeString(20).map(pathSegment), fc.constant(ids.otherSurvey)),
      },
    );
    await fc.assert(
      fc.asyncProperty(target, jsonText(surveyBody), async (id, body) => {
        const res = await c.call("PATCH", `/api/v1/surveys/${id}`, body);
        expectWellFormed(res, "PATCH /api/v1/surveys/:id", `${id} ${body}`);
      }),
      { numRuns: RUNS },
    );
  });

  it("POST /touchpoints and /contacts", async () => {
    await fc.assert(
      fc.asyncProperty(jsonText(touchpointBody), async (body) => {
        expectWellFormed(await c.call("POST", "/api/v1/touchpoints", body), "POST /api/v1/touchpoints", body);
      }),
      { numRuns: RUNS },
    );
    await fc.assert(
      fc.asyncProperty(jsonText(contactBody), async (body) => {
        expectWellFormed(await c.call("POST", "/api/v1/contacts", body), "POST /api/v1/contacts", body);
      }),
      { numRuns: RUNS },
    );
  });

  it("GET /responses and /reports/nps with arbitrary query strings", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom("/api/v1/responses", "/api/v1/reports/nps", "/api/v1/reports/csat"),
        queryString,
        async (path, qs) => {
          const res = await c.call("GET", `${path}?${qs}`);
          expectWellFormed(res, `GET ${path}`, qs);
          if (res.status === 200 && path.endsWith("/responses"))
            expect(Array.isArray(res.body.data)).toBe(true);
          if (res.status === 200 && path.includes("/reports/")) expect(typeof res.body.n).toBe("number");
        },
      ),
      { numRuns: RUNS },
    );
  });

  it("every GET the OpenAPI document lists with query parameters, with its own parameters", async () => {
    const doc = (await c.call("GET", "/api/v1/openapi.json")).body as {
      paths: Record<string, Record<string, { parameters?: { name: string; in: string }[] }>>;
    };
    // Path parameters filled with something that exists (an operation here with another one fails).
    const upload = await c.app.request("/api/v1/contact-imports", {
      method: "POST",
      headers: { authorization: `Bearer ${c.key}`, "content-type": "text/csv" },
      body: "email,name\nfuzz-import@example.com,Fuzz\n",
    });
    const contactImport = ((await upload.json()) as { id: string }).id;
    const pathIds: Record<string, string> = {
      "/api/v1/campaigns/{id}/preview": ids.campaign,
      "/api/v1/contact-imports/{id}/errors": contactImport,
      "/api/v1/contact-imports/{id}/errors.csv": contactImport,
    };
    const operations = Object.entries(doc.paths).flatMap(([path, ops]) => {
      const names = (ops.get?.parameters ?? []).filter((p) => p.in === "query").map((p) => p.name);
      if (names.length === 0) return [];
      const url = path.includes("{") ? path.replace("{id}", pathIds[path] ?? "missing") : path;
      // attribute.{key} stands for any key: one usual, one odd.
      const keys = names.flatMap((n) =>
        n === "attribute.{key}" ? ["attribute.plan", "attribute.プラン"] : [n],
      );
      return [{ path, url, keys }];
    });
    expect(operations.length).toBeGreaterThan(10);
    for (const op of operations) expect(op.url, `no id for ${op.path}`).not.toContain("missing");
    const request = fc.nat().chain((i) => {
      const op = operations[i % operations.length] as (typeof operations)[number];
      const pair = fc.tuple(
        fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...op.keys) }, { weight: 1, arbitrary: queryKeys }),
        queryValue,
      );
      return fc.tuple(fc.constant(op), fc.array(pair, { minLength: 1, maxLength: 4 }));
    });
    await fc.assert(
      fc.asyncProperty(request, async ([op, pairs]) => {
        const qs = new URLSearchParams(pairs).toString();
        // The whole body is read: an export cut off after its 200 fails here.
        const res = await c.call("GET", `${op.url}?${qs}`);
        expectWellFormed(res, `GET ${op.path}`, qs);
      }),
      { numRuns: RUNS * 2 },
    );
  });

  it("refuses text PostgreSQL cannot store (NUL, unpaired surrogates) with 422 naming the field", async () => {
    const cases: [string, string, unknown, string][] = [
      ["POST", "/api/v1/responses", { surveyId: ids.nps, score: 9, comment: "a\u0000b" }, "comment"],
      [
        "POST",
        "/api/v1/responses",
        [
          { surveyId: ids.nps, score: 9 },
          { surveyId: ids.nps, score: 9, comment: "x\ud800" },
        ],
        "[1].comment",
      ],
      [
        "POST",
        "/api/v1/responses",
        { responses: [{ surveyId: ids.nps, score: 9, metadata: { "k\u0000": 1 } }] },
        "responses[0].metadata.k\u0000",
      ],
      [
        "POST",
        "/api/v1/responses",
        [{ surveyId: ids.nps, score: 9, metadata: { k: "\udc00" } }],
        "[0].metadata.k",
      ],
      ["POST", "/api/v1/surveys", { name: "a\u0000", kind: "nps", question: { en: "q" } }, "name"],
      ["POST", "/api/v1/surveys", { name: "ok", kind: "nps", question: { en: "q\u0000" } }, "question.en"],
      ["PATCH", `/api/v1/surveys/${ids.csat}`, { name: "z\u0000" }, "name"],
      ["POST", "/api/v1/touchpoints", { name: "a\u0000", kind: "product", channel: "web" }, "name"],
      ["POST", "/api/v1/contacts", { externalId: "a\u0000" }, "externalId"],
      ["POST", "/api/v1/contacts", { externalId: "x", attributes: { a: "\u0000" } }, "attributes.a"],
    ];
    for (const [method, path, body, field] of cases) {
      const before = await responseCount();
      const res = await c.call(method, path, body);
      expectWellFormed(res, `${method} ${path}`, JSON.stringify(body));
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect((res.body.errors as { path: string }[]).map((e) => e.path)).toContain(field);
      expect(await responseCount()).toBe(before);
    }
    // Written by hand, not by JSON.stringify: upper-case escapes are caught as well.
    for (const [raw, field] of [
      [`{"surveyId":"${ids.nps}","score":9,"comment":"x\\uD83D"}`, "comment"],
      [`{"surveyId":"${ids.nps}","score":9,"comment":"x\\U0000"}`, undefined],
      [`{"surveyId":"${ids.nps}","score":9,"metadata":{"k":"\\uDFFF"}}`, "metadata.k"],
    ] as const) {
      const res = await c.call("POST", "/api/v1/responses", raw);
      const paths = ((res.body.errors ?? []) as { path: string }[]).map((e) => e.path);
      // \U is no JSON escape: that body is not JSON at all.
      if (field === undefined) expect(res.status, raw).toBe(400);
      else expect(paths, raw).toContain(field);
    }
    // Paired surrogates (emoji) and other unusual text are fine.
    const ok = await c.call("POST", "/api/v1/responses", {
      surveyId: ids.nps,
      score: 9,
      comment: "😀 \u202e 声 \ufeff",
    });
    expect(ok.status).toBe(201);
    expect(ok.body.comment).toBe("😀 \u202e 声 \ufeff");
  });

  it("refuses dates PostgreSQL cannot hold in queries with 422, not 500", async () => {
    const forged = (t: string) => Buffer.from(JSON.stringify([t, randomUUID()])).toString("base64url");
    const cases = [
      "/api/v1/reports/nps?from=2026-02-30",
      "/api/v1/reports/nps?to=0000-01-01",
      "/api/v1/reports/ces?from=2026-04-31T00:00:00Z",
      "/api/v1/responses?from=0000-01-01",
      "/api/v1/responses?from=0001-01-01T00:00:00%2B01:00",
      "/api/v1/responses?to=9999-12-31T23:59:59-23:59",
      `/api/v1/responses?cursor=${forged("0000-01-01T00:00:00Z")}`,
      `/api/v1/responses?cursor=${forged("+275760-09-13T00:00:00Z")}`,
    ];
    for (const path of cases) {
      const res = await c.call("GET", path);
      expectWellFormed(res, "GET", path);
      expect(res.status, path).toBe(422);
    }
    // The edges that are real dates still work.
    expect((await c.call("GET", "/api/v1/reports/nps?from=2024-02-29&to=9999-12-31")).status).toBe(200);
    expect((await c.call("GET", "/api/v1/responses?from=0001-01-01&to=9999-12-31")).status).toBe(200);
  });

  it("reached past validation on every endpoint", () => {
    for (const endpoint of [
      "POST /api/v1/responses",
      "POST /api/v1/surveys",
      "PATCH /api/v1/surveys/:id",
      "POST /api/v1/touchpoints",
      "POST /api/v1/contacts",
    ]) {
      expect(
        seen.get(`${endpoint} 2xx`),
        `${endpoint} never succeeded: ${JSON.stringify([...seen])}`,
      ).toBeGreaterThan(0); // at least once: a count over 10 failed now and then (random inputs)
      expect(seen.get(`${endpoint} 4xx`), `${endpoint} never refused`).toBeGreaterThan(0);
    }
    for (const endpoint of ["GET /api/v1/responses", "GET /api/v1/reports/nps"]) {
      expect(
        seen.get(`${endpoint} 2xx`),
        `${endpoint} never succeeded: ${JSON.stringify([...seen])}`,
      ).toBeGreaterThan(0);
    }
  });

  it("after all that, the rollups agree exactly with the responses table", async () => {
    const { fromResponses, stored } = await rollupsBothWays();
    expect(fromResponses.length).toBeGreaterThan(0); // the fuzzer did store some good rows
    expect(stored).toEqual(fromResponses);
    // And the report, read from the rollups, counts every NPS response there is.
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from responses r join surveys s on s.workspace_id = r.workspace_id and s.id = r.survey_id
      where r.workspace_id = ${c.workspaceId} and s.kind = 'nps'`.execute(c.db);
    expect((await c.call("GET", "/api/v1/reports/nps")).body.n).toBe(rows[0]?.n);
  });
});
