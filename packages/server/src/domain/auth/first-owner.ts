// A new installation's first sign-in: while nobody can sign in yet, the admin app offers to create the
// first instance owner (KOE_ADMIN_EMAIL / KOE_ADMIN_PASSWORD do the same from the environment), owner of
// the default workspace and of the demo.
import { sql } from "kysely";
import { z } from "zod";
import type { Db } from "../../db/open.ts";
import { ConflictError } from "../errors.ts";
import { createInstanceOwner } from "./users.ts";

export const firstOwnerInput = z
  .object({
    email: z.email().max(320),
    name: z.string().trim().max(200).default(""),
    password: z.string().min(8, "must be at least 8 characters").max(200),
  })
  .strict();

export async function needsFirstOwner(db: Db): Promise<boolean> {
  return !(await db.selectFrom("users").select("id").limit(1).executeTakeFirst());
}

export async function createFirstOwner(db: Db, input: z.output<typeof firstOwnerInput>): Promise<void> {
  await db.transaction().execute(async (tx) => {
    // Two first sign-ins at once: the lock makes the second see the first's user and stop.
    await sql`lock table users in exclusive mode`.execute(tx);
    if (!(await needsFirstOwner(tx))) throw new ConflictError("Koe already has a user: sign in instead");
    await createInstanceOwner(tx, input);
  });
}
