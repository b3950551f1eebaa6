// Workspaces of the installation: the default one (made on first start), creating, renaming and deleting
// them (an instance owner's work), and the workspaces a user belongs to.
import { sql } from "kysely";
import { z } from "zod";
import type { Db } from "../../db/open.ts";
import type { Locale, Role } from "../../db/schema.ts";
import { ConflictError, NotFoundError } from "../errors.ts";
import { localeSchema, timeZoneSchema, type Page } from "../fields.ts";
import { newId } from "../ids.ts";
import { decodeIdCursor, toPage } from "../paging.ts";

export interface WorkspaceInput {
  name: string;
  defaultLocale?: Locale;
  timeZone?: string;
  isDefault?: boolean;
  isDemo?: boolean;
}

const workspaceName = z.string().trim().min(1).max(200);

/** What POST /api/v1/workspaces and `koe workspace create` take. */
export const newWorkspaceInput = z
  .object({
    name: workspaceName,
    defaultLocale: localeSchema.default("ja"),
    timeZone: timeZoneSchema.optional(),
  })
  .strict();

/** A new workspace's time zone when none is given: Japan's for a Japanese one, else UTC. */
export const defaultTimeZone = (locale: Locale): string => (locale === "ja" ? "Asia/Tokyo" : "UTC");

/** A workspace's PATCH: its name (an empty patch changes nothing). */
export const workspaceRename = z.object({ name: workspaceName.optional() }).strict();

/** A workspace as listed: what it is, and the caller's role in it (null: an instance owner who is no member). */
export interface WorkspaceSummary {
  id: string;
  name: string;
  defaultLocale: Locale;
  timeZone: string;
  isDefault: boolean;
  isDemo: boolean;
  role: Role | null;
  createdAt: string;
}

/** One workspace with what deleting it would delete. */
export interface WorkspaceDetail extends WorkspaceSummary {
  contents: WorkspaceContents;
}

export interface WorkspaceContents {
  surveys: number;
  responses: number;
  contacts: number;
  campaigns: number;
  members: number;
  apiKeys: number;
}

const summaryColumns = [
  "w.id",
  "w.name",
  "w.default_locale",
  "w.time_zone",
  "w.is_default",
  "w.is_demo",
  "w.created_at",
] as const;

interface SummaryRow {
  id: string;
  name: string;
  default_locale: Locale;
  time_zone: string;
  is_default: boolean;
  is_demo: boolean;
  created_at: Date;
  role: Role | null;
}

const toSummary = (r: SummaryRow): WorkspaceSummary => ({
  id: r.id,
  name: r.name,
  defaultLocale: r.default_locale,
  timeZone: r.time_zone,
  isDefault: r.is_default,
  isDemo: r.is_demo,
  role: r.role,
  createdAt: r.created_at.toISOString(),
});

export async function createWorkspace(db: Db, input: WorkspaceInput): Promise<string> {
  const id = newId();
  await db
    .insertInto("workspaces")
    .values({
      id,
      name: input.name,
      default_locale: input.defaultLocale ?? "ja",
      time_zone: input.timeZone ?? "Asia/Tokyo",
      is_default: input.isDefault ?? false,
      is_demo: input.isDemo ?? false,
    })
    .execute();
  return id;
}

/**
 * A new workspace with these users as its owners (a workspace always keeps an owner): the instance owner
 * who creates it through the API, or, from the CLI, every instance owner.
 */
export async function createWorkspaceWithOwners(
  db: Db,
  input: WorkspaceInput,
  ownerIds: readonly string[],
): Promise<string> {
  return db.transaction().execute(async (tx) => {
    const id = await createWorkspace(tx, input);
    if (ownerIds.length)
      await tx
        .insertInto("memberships")
        .values(ownerIds.map((userId) => ({ workspace_id: id, user_id: userId, role: "owner" as const })))
        .execute();
    return id;
  });
}

export async function instanceOwnerIds(db: Db): Promise<string[]> {
  const rows = await db.selectFrom("users").select("id").where("is_instance_owner", "=", true).execute();
  return rows.map((r) => r.id);
}

export async function renameWorkspace(db: Db, id: string, name: string): Promise<void> {
  const row = await db
    .updateTable("workspaces")
    .set({ name })
    .where("id", "=", id)
    .returning("id")
    .executeTakeFirst();
  if (!row) throw new NotFoundError(`workspace ${id} not found`);
}

/**
 * Deletes the workspace and everything in it (every table's rows cascade from the workspace). Refused for
 * the last workspace and for the default one (where KOE_BOOTSTRAP_API_KEY and new instance owners go).
 * Sessions in it move to another workspace of their user's; accounts left in no workspace go too
 * (instance owners' stay).
 */
export async function deleteWorkspace(db: Db, id: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    // Every workspace row locked, in id order: two deletions at once cannot both see another one left.
    const all = await tx
      .selectFrom("workspaces")
      .select(["id", "is_default"])
      .orderBy("id")
      .forUpdate()
      .execute();
    const target = all.find((w) => w.id === id);
    if (!target) throw new NotFoundError(`workspace ${id} not found`);
    if (all.length <= 1) throw new ConflictError("the last workspace cannot be deleted");
    if (target.is_default)
      throw new ConflictError(
        "the default workspace cannot be deleted (KOE_BOOTSTRAP_API_KEY and new instance owners belong to it); rename it instead",
      );
    await deleteWorkspaceRows(tx, id);
  });
}

async function deleteWorkspaceRows(tx: Db, id: string): Promise<void> {
  await sql`
    update sessions s set workspace_id = (
      select m.workspace_id from memberships m join workspaces w on w.id = m.workspace_id
      where m.user_id = s.user_id and m.workspace_id <> ${id}
      order by w.is_default desc, w.is_demo, m.workspace_id limit 1)
    where s.workspace_id = ${id}
      and exists (select 1 from memberships m where m.user_id = s.user_id and m.workspace_id <> ${id})
  `.execute(tx);
  const members = await tx
    .selectFrom("memberships")
    .select("user_id")
    .where("workspace_id", "=", id)
    .execute();
  await tx.deleteFrom("workspaces").where("id", "=", id).execute();
  if (members.length)
    await tx
      .deleteFrom("users")
      .where(
        "id",
        "in",
        members.map((m) => m.user_id),
      )
      .where("is_instance_owner", "=", false)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(selectFrom("memberships as m").select("m.user_id").whereRef("m.user_id", "=", "users.id")),
        ),
      )
      .execute();
}

const DEMO_REMOVED = "demo.removed";

/**
 * Deletes every demo workspace and remembers that the demo was removed, so `koe serve --demo` does not
 * seed it again. The default workspace stays (it is never a demo). The names of those deleted.
 */
export async function removeDemoWorkspaces(db: Db): Promise<string[]> {
  return db.transaction().execute(async (tx) => {
    await ensureDefaultWorkspace(tx);
    const demos = await tx
      .selectFrom("workspaces")
      .select(["id", "name"])
      .where("is_demo", "=", true)
      .orderBy("id")
      .forUpdate()
      .execute();
    for (const demo of demos) await deleteWorkspaceRows(tx, demo.id);
    await tx
      .insertInto("instance_flags")
      .values({ name: DEMO_REMOVED })
      .onConflict((oc) => oc.column("name").doNothing())
      .execute();
    return demos.map((d) => d.name);
  });
}

export async function demoWasRemoved(db: Db): Promise<boolean> {
  return !!(await db
    .selectFrom("instance_flags")
    .select("name")
    .where("name", "=", DEMO_REMOVED)
    .executeTakeFirst());
}

/** Seeding the demo again on purpose (`koe seed-demo`) forgets that it was removed. */
export async function forgetDemoRemoved(db: Db): Promise<void> {
  await db.deleteFrom("instance_flags").where("name", "=", DEMO_REMOVED).execute();
}

/** Every workspace of the installation, oldest first, with this user's role where they are a member. */
export async function listAllWorkspaces(
  db: Db,
  userId: string | undefined,
  page: { limit: number; cursor?: string | undefined },
): Promise<Page<WorkspaceSummary>> {
  const after = decodeIdCursor(page.cursor);
  let q = db
    .selectFrom("workspaces as w")
    .leftJoin("memberships as m", (j) =>
      j.onRef("m.workspace_id", "=", "w.id").on("m.user_id", "=", userId ?? null),
    )
    .select([...summaryColumns, "m.role"]);
  if (after) q = q.where("w.id", ">", after);
  const rows = await q
    .orderBy("w.id")
    .limit(page.limit + 1)
    .execute();
  return toPage(rows, page.limit, toSummary, (r) => r.id);
}

/** The workspaces a user belongs to, with their role in each: demos first, then the default, then by age. */
export async function listMemberWorkspaces(db: Db, userId: string): Promise<WorkspaceSummary[]> {
  const rows = await db
    .selectFrom("memberships as m")
    .innerJoin("workspaces as w", "w.id", "m.workspace_id")
    .select([...summaryColumns, "m.role"])
    .where("m.user_id", "=", userId)
    .orderBy("w.is_demo", "desc")
    .orderBy("w.is_default", "desc")
    .orderBy("w.id")
    .execute();
  return rows.map(toSummary);
}

/** One workspace as `userId` sees it (null: no such user, e.g. an API key), with its contents counted. */
export async function getWorkspaceDetail(
  db: Db,
  id: string,
  userId: string | undefined,
): Promise<WorkspaceDetail> {
  const row = await db
    .selectFrom("workspaces as w")
    .leftJoin("memberships as m", (j) =>
      j.onRef("m.workspace_id", "=", "w.id").on("m.user_id", "=", userId ?? null),
    )
    .select([...summaryColumns, "m.role"])
    .where("w.id", "=", id)
    .executeTakeFirst();
  if (!row) throw new NotFoundError(`workspace ${id} not found`);
  const count = (table: "surveys" | "responses" | "contacts" | "campaigns" | "memberships" | "api_keys") =>
    db
      .selectFrom(table)
      .select((e) => e.fn.countAll<string>().as("n"))
      .where("workspace_id", "=", id)
      .executeTakeFirstOrThrow()
      .then((r) => Number(r.n));
  const [surveys, responses, contacts, campaigns, members, apiKeys] = await Promise.all([
    count("surveys"),
    count("responses"),
    count("contacts"),
    count("campaigns"),
    count("memberships"),
    count("api_keys"),
  ]);
  return { ...toSummary(row), contents: { surveys, responses, contacts, campaigns, members, apiKeys } };
}

export async function isMember(db: Db, workspaceId: string, userId: string): Promise<boolean> {
  return !!(await db
    .selectFrom("memberships")
    .select("user_id")
    .where("workspace_id", "=", workspaceId)
    .where("user_id", "=", userId)
    .executeTakeFirst());
}

export async function findDefaultWorkspaceId(db: Db): Promise<string | undefined> {
  const row = await db
    .selectFrom("workspaces")
    .select("id")
    .where("is_default", "=", true)
    .executeTakeFirst();
  return row?.id;
}

/** The company's own workspace, made on first start: KOE_BOOTSTRAP_API_KEY and new instance owners belong
 * to it. Never a demo. */
export async function ensureDefaultWorkspace(db: Db): Promise<string> {
  const existing = await findDefaultWorkspaceId(db);
  if (existing) return existing;
  await db
    .insertInto("workspaces")
    .values({ id: newId(), name: "Koe", is_default: true })
    .onConflict((oc) => oc.column("is_default").where("is_default", "=", true).doNothing())
    .execute();
  return (await findDefaultWorkspaceId(db)) as string;
}
