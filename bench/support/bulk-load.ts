// Bulk loads of generated history (the report and overview benches): one client with the per-row FK
// triggers off, and each table's indexes and keys dropped for the load and built once afterwards.
import pg from "pg";
import { int, log } from "./measure.ts";

export interface Rebuild {
  drop: string[];
  create: string[];
}

/** Indexes and keys of a table that can be dropped for the load and built afterwards (faster). */
export async function tableIndexes(client: pg.Client, table: string): Promise<Rebuild> {
  const { rows } = await client.query<{
    name: string;
    def: string;
    con: string | null;
    condef: string | null;
    referenced: boolean;
  }>(
    `select i.relname as name, pg_get_indexdef(i.oid) as def, c.conname as con, pg_get_constraintdef(c.oid) as condef,
            exists (select 1 from pg_constraint f where f.contype = 'f' and f.conindid = x.indexrelid) as referenced
     from pg_index x join pg_class i on i.oid = x.indexrelid
     left join pg_constraint c on c.conindid = x.indexrelid and c.conrelid = x.indrelid
     where x.indrelid = $1::regclass`,
    [table],
  );
  const plan: Rebuild = { drop: [], create: [] };
  for (const r of rows) {
    if (r.referenced) continue; // a key other tables point at stays in place
    if (r.con && r.condef) {
      plan.drop.push(`alter table ${table} drop constraint ${r.con}`);
      plan.create.push(`alter table ${table} add constraint ${r.con} ${r.condef}`);
    } else {
      plan.drop.push(`drop index ${r.name}`);
      plan.create.push(r.def);
    }
  }
  return plan;
}

/**
 * A client for the load, and `run`, which runs a statement and logs its time and row count. The ids come
 * from the tables just made, so skipping the per-row FK triggers gives the same data as row-by-row inserts.
 */
export async function bulkLoadClient(url: string): Promise<{
  client: pg.Client;
  run: (label: string, text: string) => Promise<void>;
}> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query("set session_replication_role = replica");
  await client.query("set maintenance_work_mem = '1GB'");
  await client.query("set work_mem = '512MB'");
  const run = async (label: string, text: string) => {
    const t0 = performance.now();
    const res = await client.query(text);
    log(
      `${label}: ${((performance.now() - t0) / 1000).toFixed(1)} s${res.rowCount ? ` (${int(res.rowCount)} rows)` : ""}`,
    );
  };
  return { client, run };
}
