// koe_uuid7(): time-ordered ids made by the database, for rows it creates itself.
import type { Kysely } from "kysely";
import { runStatements } from "../run-statements.ts";

// Time-ordered ids (UUIDv7, as the application makes) for rows created in bulk by SQL: a campaign's sends
// and messages. Random ids would land all over their indexes; these append, which keeps a million-row
// expansion in cache. PostgreSQL 15 has no uuidv7(), hence this one.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    create function koe_uuid7() returns uuid language sql volatile as $$
      select encode(
        set_bit(set_bit(overlay(uuid_send(gen_random_uuid())
          placing substring(int8send((extract(epoch from clock_timestamp()) * 1000)::bigint) from 3)
          from 1 for 6), 52, 1), 53, 1),
        'hex')::uuid
    $$;
    `,
  );
}
