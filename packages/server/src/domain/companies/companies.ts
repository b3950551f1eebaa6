import type { Db } from "../../db/open.ts";
import type { CompanyRow } from "../../db/schema.ts";
import { isUniqueViolation } from "../../db/errors.ts";
import { ConflictError, NotFoundError } from "../errors.ts";
import { newId } from "../ids.ts";
import type { Page } from "../fields.ts";
import { deleteRow, getRow, listRows } from "../rows.ts";
import type { Company, CompanyInput, CompanyPatch } from "./company-schema.ts";

export function toCompany(r: CompanyRow): Company {
  return {
    id: r.id,
    name: r.name,
    domain: r.domain,
    externalId: r.external_id,
    attributes: r.attributes,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}

function duplicate(e: unknown): never {
  if (isUniqueViolation(e)) throw new ConflictError("a company with this externalId already exists");
  throw e;
}

export async function createCompany(db: Db, workspaceId: string, input: CompanyInput): Promise<Company> {
  const row = await db
    .insertInto("companies")
    .values({
      workspace_id: workspaceId,
      id: newId(),
      name: input.name,
      domain: input.domain ?? null,
      external_id: input.externalId ?? null,
      attributes: JSON.stringify(input.attributes ?? {}),
    })
    .returningAll()
    .executeTakeFirstOrThrow()
    .catch(duplicate);
  return toCompany(row);
}

export async function getCompany(db: Db, workspaceId: string, id: string): Promise<Company> {
  return toCompany(await getRow(db, "companies", workspaceId, id));
}

export function listCompanies(
  db: Db,
  workspaceId: string,
  opts: { limit: number; cursor?: string | undefined },
): Promise<Page<Company>> {
  return listRows(db, "companies", workspaceId, opts, toCompany);
}

export async function updateCompany(
  db: Db,
  workspaceId: string,
  id: string,
  patch: CompanyPatch,
  /** The clock's time: the change's updated_at. */
  now: Date,
): Promise<Company> {
  const row = await db
    .updateTable("companies")
    .set({
      name: patch.name,
      domain: patch.domain,
      external_id: patch.externalId,
      attributes: patch.attributes && JSON.stringify(patch.attributes),
      updated_at: now,
    })
    .where("workspace_id", "=", workspaceId)
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirst()
    .catch(duplicate);
  if (!row) throw new NotFoundError(`company ${id} not found`);
  return toCompany(row);
}

export function deleteCompany(db: Db, workspaceId: string, id: string): Promise<void> {
  return deleteRow(db, "companies", workspaceId, id, "this company cannot be deleted");
}
