// The get / list / delete shared by every workspace-owned resource keyed by (workspace_id, id).
import type { Kysely, Selectable } from "kysely";
import type { Db } from "../db/open.ts";
import type { Database } from "../db/schema.ts";
import { isForeignKeyViolation } from "../db/errors.ts";
import { ConflictError, NotFoundError } from "./errors.ts";
import { decodeIdCursor, toPage } from "./paging.ts";
import type { Page } from "./fields.ts";

export type OwnedTable = "touchpoints" | "surveys" | "contacts" | "companies";
type Row<T extends OwnedTable> = Selectable<Database[T]>;
// Seen through one generic table so Kysely types the shared columns once.
type Keyed = Kysely<{ t: { workspace_id: string; id: string } }>;
const t = (table: OwnedTable) => table as unknown as "t";

const label = (table: OwnedTable) => table.slice(0, -1).replace(/ie$/, "y");

export async function findRow<T extends OwnedTable>(
  db: Db,
  table: T,
  workspaceId: string,
  id: string,
): Promise<Row<T> | undefined> {
  const row = await (db as unknown as Keyed)
    .selectFrom(t(table))
    .selectAll()
    .where("workspace_id", "=", workspaceId)
    .where("id", "=", id)
    .executeTakeFirst();
  return row as Row<T> | undefined;
}

export async function getRow<T extends OwnedTable>(
  db: Db,
  table: T,
  workspaceId: string,
  id: string,
): Promise<Row<T>> {
  const row = await findRow(db, table, workspaceId, id);
  if (!row) throw new NotFoundError(`${label(table)} ${id} not found`);
  return row;
}

export async function listRows<T extends OwnedTable, Out>(
  db: Db,
  table: T,
  workspaceId: string,
  opts: { limit: number; cursor?: string | undefined },
  map: (r: Row<T>) => Out,
): Promise<Page<Out>> {
  const after = decodeIdCursor(opts.cursor);
  let q = (db as unknown as Keyed).selectFrom(t(table)).selectAll().where("workspace_id", "=", workspaceId);
  if (after) q = q.where("id", "<", after);
  const rows = (await q
    .orderBy("id", "desc")
    .limit(opts.limit + 1)
    .execute()) as Row<T>[];
  return toPage(rows, opts.limit, map, (r) => (r as { id: string }).id);
}

/** inUse: the message when rows elsewhere still point at this one. */
export async function deleteRow(db: Db, table: OwnedTable, workspaceId: string, id: string, inUse: string) {
  const result = await (db as unknown as Keyed)
    .deleteFrom(t(table))
    .where("workspace_id", "=", workspaceId)
    .where("id", "=", id)
    .executeTakeFirst()
    .catch((e: unknown) => {
      if (isForeignKeyViolation(e)) throw new ConflictError(inUse);
      throw e;
    });
  if (result.numDeletedRows === 0n) throw new NotFoundError(`${label(table)} ${id} not found`);
}
