import type { Db } from "../../db/open.ts";
import { newId } from "../ids.ts";

export interface WorkspaceInput {
  name: string;
  defaultLocale?: "ja" | "en";
  timeZone?: string;
  isDefault?: boolean;
}

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
    })
    .execute();
  return id;
}

export async function findDefaultWorkspaceId(db: Db): Promise<string | undefined> {
  const row = await db
    .selectFrom("workspaces")
    .select("id")
    .where("is_default", "=", true)
    .executeTakeFirst();
  return row?.id;
}

/** The workspace that bootstrap keys, the first admin and the demo belong to; made on first start. */
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
