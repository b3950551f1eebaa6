// The suppression list: addresses a workspace must not send survey email to. Suppressing is
// idempotent and never weakens a row (see reasonStrength): a webhook retried by its provider, or an
// unsubscribe after a complaint, leaves the stronger reason in place.
import { sql } from "kysely";
import type { z } from "zod";
import type { Db } from "../../db/open.ts";
import type { SuppressionReason } from "../../db/schema.ts";
import { ValidationError } from "../errors.ts";
import type { Page } from "../fields.ts";
import { toPage } from "../paging.ts";
import {
  MAX_EMAIL,
  originOf,
  reasonStrength,
  suppressionInput,
  type Suppression,
  type SuppressionFilter,
  type SuppressionInput,
} from "./suppression-schema.ts";

type RawInput = z.input<typeof suppressionInput>;

function parseInput(raw: RawInput, prefix = ""): SuppressionInput {
  const parsed = suppressionInput.safeParse(raw);
  if (parsed.success) return parsed.data;
  throw new ValidationError(
    parsed.error.issues.map((i) => ({ path: prefix + i.path.map(String).join("."), message: i.message })),
  );
}

// The ranking as SQL, built from the one table above so the two cannot drift apart.
const strengthOf = (column: string) =>
  sql<number>`case ${sql.ref(column)} ${sql.join(
    Object.entries(reasonStrength).map(([reason, n]) => sql`when ${sql.lit(reason)} then ${sql.lit(n)}`),
    sql` `,
  )} end`;

/**
 * Suppresses many addresses (one statement per 1,000); returns how many distinct addresses are now suppressed.
 * Inputs are validated and lower-cased; an address given twice keeps its strongest reason.
 */
export async function suppressMany(db: Db, workspaceId: string, raw: RawInput[]): Promise<number> {
  const strongest = new Map<string, SuppressionInput>();
  raw.forEach((r, i) => {
    const input = parseInput(r, raw.length > 1 ? `[${i}].` : "");
    const before = strongest.get(input.email);
    if (!before || reasonStrength[input.reason] > reasonStrength[before.reason])
      strongest.set(input.email, input);
  });
  const rows = [...strongest.values()].map((s) => ({
    workspace_id: workspaceId,
    email: s.email,
    reason: s.reason,
    source: s.source ?? null,
    note: s.note || null,
  }));
  // Chunks stay well under PostgreSQL's 65,535 parameters; each chunk is idempotent on its own. An address
  // newly suppressed as unsubscribed gives each of its contacts a contact.unsubscribed event in the same
  // statement (domain/events/record.ts); the suppression's row lock keeps one address's events in order.
  for (let i = 0; i < rows.length; i += 1000) {
    const chunk = rows.slice(i, i + 1000);
    await sql`
      with stored as (
        insert into suppressions (workspace_id, email, reason, source, note)
        select ${workspaceId}::uuid, x.email, x.reason, x.source, x.note
        from jsonb_to_recordset(${JSON.stringify(chunk)}::jsonb) as x(email text, reason text, source text, note text)
        on conflict (workspace_id, email) do update
          -- created_at stays the first time the address was suppressed.
          set reason = excluded.reason, source = excluded.source, note = excluded.note
          where ${strengthOf("excluded.reason")} > ${strengthOf("suppressions.reason")}
        returning email, reason, source
      )
      insert into domain_events (workspace_id, type, subject_id, payload)
      select ${workspaceId}::uuid, 'contact.unsubscribed', c.id, jsonb_build_object('email', s.email, 'source', s.source)
      from stored s join contacts c on c.workspace_id = ${workspaceId} and c.email = s.email
      where s.reason = 'unsubscribed'
      order by c.id`.execute(db);
  }
  return strongest.size;
}

/** Suppresses one address and returns the row as stored (its reason may be a stronger earlier one). */
export async function suppress(db: Db, workspaceId: string, raw: RawInput): Promise<Suppression> {
  const input = parseInput(raw);
  await suppressMany(db, workspaceId, [input]);
  return (await getSuppression(db, workspaceId, input.email)) as Suppression;
}

const toSuppression = (r: {
  email: string;
  reason: SuppressionReason;
  source: string | null;
  note: string | null;
  created_at: Date;
}): Suppression => ({
  email: r.email,
  reason: r.reason,
  source: r.source,
  origin: originOf(r.source),
  note: r.note,
  createdAt: r.created_at.toISOString(),
});

/** Lookups lower-case and trim, so they find the row whatever the caller's spelling. */
const lookup = (email: string) =>
  email
    .trim()
    .toLowerCase()
    .slice(0, MAX_EMAIL + 1);

export async function getSuppression(
  db: Db,
  workspaceId: string,
  email: string,
): Promise<Suppression | undefined> {
  const row = await db
    .selectFrom("suppressions")
    .selectAll()
    .where("workspace_id", "=", workspaceId)
    .where("email", "=", lookup(email))
    .executeTakeFirst();
  return row && toSuppression(row);
}

/** Whether survey email to this address must not be sent. */
export async function isSuppressed(db: Db, workspaceId: string, email: string): Promise<boolean> {
  return (await getSuppression(db, workspaceId, email)) !== undefined;
}

/** Of the given addresses, the suppressed ones (lower case): one query per 1,000 addresses. */
export async function findSuppressed(db: Db, workspaceId: string, emails: string[]): Promise<Set<string>> {
  const wanted = [...new Set(emails.map(lookup))];
  const found = new Set<string>();
  for (let i = 0; i < wanted.length; i += 1000) {
    const rows = await db
      .selectFrom("suppressions")
      .select("email")
      .where("workspace_id", "=", workspaceId)
      .where("email", "in", wanted.slice(i, i + 1000))
      .execute();
    for (const r of rows) found.add(r.email);
  }
  return found;
}

/**
 * Lifts a suppression; returns whether there was one. With onlyReason, lifts it only when its reason
 * is that one: a person resubscribing from the page must not lift a complaint or bounce recorded since.
 */
export async function unsuppress(
  db: Db,
  workspaceId: string,
  email: string,
  opts: { onlyReason?: SuppressionReason } = {},
): Promise<boolean> {
  let q = db
    .deleteFrom("suppressions")
    .where("workspace_id", "=", workspaceId)
    .where("email", "=", lookup(email));
  if (opts.onlyReason) q = q.where("reason", "=", opts.onlyReason);
  const result = await q.executeTakeFirst();
  return result.numDeletedRows > 0n;
}

// Newest first. The cursor carries created_at to the microsecond (a JavaScript Date would cut it to
// the millisecond and skip or repeat rows) and the email, which breaks ties.
const TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/;

function decodeCursor(cursor: string): [string, string] {
  try {
    const [time, email] = JSON.parse(Buffer.from(cursor, "base64url").toString()) as unknown[];
    if (typeof time === "string" && TIME.test(time) && typeof email === "string" && email.length <= MAX_EMAIL)
      return [time, email];
  } catch {
    /* fall through */
  }
  throw new ValidationError([{ path: "cursor", message: "is not a cursor from this list" }]);
}

export async function listSuppressions(
  db: Db,
  workspaceId: string,
  f: SuppressionFilter,
): Promise<Page<Suppression>> {
  let q = db
    .selectFrom("suppressions")
    .selectAll()
    .select(sql<string>`to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`.as("at"))
    .where("workspace_id", "=", workspaceId);
  if (f.reason) q = q.where("reason", "=", f.reason);
  // Addresses are stored in lower case; `%`, `_` and `\` in a search are themselves.
  if (f.q) q = q.where("email", "like", `%${f.q.toLowerCase().replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`);
  if (f.cursor) {
    const [time, email] = decodeCursor(f.cursor);
    q = q.where(sql<boolean>`(created_at, email) < (${time}::timestamptz, ${email})`);
  }
  const rows = await q
    .orderBy("created_at", "desc")
    .orderBy("email", "desc")
    .limit(f.limit + 1)
    .execute();
  return toPage(rows, f.limit, toSuppression, (r) =>
    Buffer.from(JSON.stringify([r.at, r.email])).toString("base64url"),
  );
}
