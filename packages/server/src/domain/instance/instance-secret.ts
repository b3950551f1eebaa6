// The installation's signing secret, kept in the database so that every process on it signs and checks
// links alike: a personal link made by one process works on all of them.
import type { Db } from "../../db/open.ts";

const stored = (db: Db, name: string) =>
  db.selectFrom("instance_secrets").select("value").where("name", "=", name).executeTakeFirst();

/**
 * The secret called `name`: the one stored, or else `seed()`, stored now. Two processes starting at once
 * both insert; the first insert wins and both read the winner back (in a statement of its own, which sees
 * the other's committed row).
 */
export async function instanceSecret(db: Db, name: string, seed: () => string): Promise<string> {
  const existing = await stored(db, name);
  if (existing) return existing.value;
  await db
    .insertInto("instance_secrets")
    .values({ name, value: seed() })
    .onConflict((oc) => oc.column("name").doNothing())
    .execute();
  const row = await stored(db, name);
  if (!row) throw new Error(`the instance secret ${name} was not stored`);
  return row.value;
}
