// CPU time spent by this process and by the PostgreSQL backends serving one database (read from /proc,
// so PostgreSQL must run on this machine). CPU per row is steadier than wall time on a shared machine.
import { readFileSync } from "node:fs";
import pg from "pg";

const TICK_MS = 10; // Linux USER_HZ = 100

/** utime + stime of a process in ms, or undefined once it is gone. */
export function processCpuMs(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return undefined;
  }
}

export interface CpuMeter {
  /** CPU ms of this process and of the database's backends since start(). */
  stop(): Promise<{ nodeMs: number; postgresMs: number }>;
}

/** Samples the backends every 250 ms, so connections that a pool closes mid-run still count. */
export async function startCpuMeter(url: string): Promise<CpuMeter> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const first = new Map<number, number>();
  const last = new Map<number, number>();
  let started = false;
  const sample = async () => {
    const { rows } = await client.query<{ pid: number }>(
      `select pid from pg_stat_activity
       where datname = current_database() and backend_type = 'client backend' and pid <> pg_backend_pid()`,
    );
    for (const { pid } of rows) {
      const cpu = processCpuMs(pid);
      if (cpu === undefined) continue;
      if (!last.has(pid)) first.set(pid, started ? 0 : cpu);
      last.set(pid, cpu);
    }
  };
  await sample();
  started = true;
  const node0 = process.cpuUsage();
  let pending: Promise<void> = Promise.resolve();
  const timer = setInterval(() => (pending = pending.then(sample)), 250);
  return {
    async stop() {
      clearInterval(timer);
      await pending;
      await sample();
      await client.end();
      const node = process.cpuUsage(node0);
      let postgresMs = 0;
      for (const [pid, cpu] of last) postgresMs += cpu - (first.get(pid) ?? 0);
      return { nodeMs: (node.user + node.system) / 1000, postgresMs };
    },
  };
}
