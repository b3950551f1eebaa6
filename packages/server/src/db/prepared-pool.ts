// A pg pool whose clients run each statement as a named prepared statement. The hot paths (a page load,
// an answer) are small statements whose planning costs PostgreSQL more than running them; a named
// statement is parsed once per connection and PostgreSQL can reuse its plan.
import { createHash } from "node:crypto";
import type { PostgresPool, PostgresPoolClient } from "kysely";
import type pg from "pg";

/** Distinct statements kept prepared per connection; any beyond run unnamed, so memory stays bounded. */
const MAX_PREPARED = 500;

export function preparedStatementPool(pool: pg.Pool): PostgresPool {
  const wrapped = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  const wrap = (client: pg.PoolClient): PostgresPoolClient => {
    const names = new Set<string>();
    const query = (text: unknown, values?: readonly unknown[]): unknown => {
      // Kysely passes a cursor object when it streams; that goes through untouched.
      if (typeof text !== "string") return client.query(text as pg.Submittable);
      const name = createHash("sha1").update(text).digest("base64url");
      if (names.has(name) || names.size < MAX_PREPARED) {
        names.add(name);
        return client.query({ name, text, values: values as unknown[] });
      }
      return client.query(text, values as unknown[]);
    };
    // pg's result types are wider than Kysely's view of them; the shapes are the same at run time.
    return { query, release: () => client.release() } as unknown as PostgresPoolClient;
  };
  return {
    async connect() {
      const client = await pool.connect();
      let w = wrapped.get(client);
      if (!w) wrapped.set(client, (w = wrap(client)));
      return w;
    },
    end: () => pool.end(),
  };
}
