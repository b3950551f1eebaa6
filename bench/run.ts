// `npm run bench`: the three benchmarks in sequence, each in its own process (own heap, own timing).
import { spawnSync } from "node:child_process";
import { cpus } from "node:os";
import { fileURLToPath } from "node:url";

const benches = [
  "import.ts",
  "report.ts",
  "overview.ts",
  "startup.ts",
  "confirm.ts",
  "email-send.ts",
  "campaign-queue.ts",
  "jobs.ts",
  "contact-import.ts",
  "contacts-list.ts",
];
const only = process.argv.slice(2);
const here = fileURLToPath(new URL(".", import.meta.url));

console.log(
  `Koe benchmarks — ${new Date().toISOString()}, Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? "cpu"}`,
);
let failed = 0;
for (const bench of benches.filter((b) => only.length === 0 || only.some((o) => b.startsWith(o)))) {
  console.log(`\n=== bench/${bench} ===`);
  const started = performance.now();
  const result = spawnSync(process.execPath, ["--import", "tsx", bench], { cwd: here, stdio: "inherit" });
  console.log(
    `(bench/${bench} took ${((performance.now() - started) / 1000).toFixed(0)} s, exit ${result.status})`,
  );
  if (result.status !== 0) failed++;
}
process.exitCode = failed ? 1 : 0;
