// `koe import contacts FILE` as a person runs it: the real command in a child process, on a database of
// its own (a fresh embedded data directory, or a private PostgreSQL database), with a Shift_JIS file from
// Excel holding a bad row. Its output names the mapping and the bad row by line and column, its progress
// goes to stderr as plain lines (not a terminal), the error report is written with a BOM, the good rows
// are in the database, and a second run of the same file says every row is unchanged.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import iconv from "iconv-lite";
import { afterAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { runKoe } from "../../test/koe-process.ts";
import { openPrivateDatabase } from "../../test/private-database.ts";
import { openDatabase } from "../db/open.ts";

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const csv = [
  "顧客ID,氏名,メールアドレス,会社名,タグ,席数",
  "C-1,山田 太郎,taro@example.jp,株式会社さくら,VIP、展示会,25",
  "C-2,佐藤 花子,hanako@example,株式会社さくら,,3",
  "C-3,鈴木 一郎,ichiro@example.jp,,,abc",
  "C-4,高橋 三郎,saburo@example.jp,株式会社もみじ,,10",
].join("\r\n");

// A new embedded database is migrated by the command itself: a minute on a busy machine.
describe("koe import contacts", { timeout: 240_000 }, () => {
  it("imports a Shift_JIS file, reports its bad rows and writes nothing the second time", async () => {
    const dir = mkdtempSync(join(tmpdir(), "koe-import-cli-"));
    dirs.push(dir);
    const file = join(dir, "顧客.csv");
    writeFileSync(file, iconv.encode(csv, "cp932"));
    const report = join(dir, "errors.csv");
    const onPostgres = inject("testDatabaseUrl") !== null;
    const priv = onPostgres ? await openPrivateDatabase("koe_import_cli") : undefined;
    const env = {
      KOE_DATA_DIR: join(dir, "data"),
      LOG_LEVEL: "warn",
      ...(priv ? { DATABASE_URL: priv.url } : {}),
    };
    try {
      const args = ["import", "contacts", file, "--mapping", "席数=attribute:number", "--errors", report];
      const first = await runKoe(args, env, 200_000);
      expect(first.code, first.stderr).toBe(0);
      expect(first.stdout).toContain("(cp932,");
      expect(first.stdout).toContain("メールアドレス → email");
      expect(first.stdout).toContain('席数 → attribute "席数" (number)');
      expect(first.stdout).toContain("4 rows · created 2 · updated 0 · unchanged 0 · failed 2");
      expect(first.stdout).toContain("line 3, メールアドレス: not an email address");
      expect(first.stdout).toContain("line 4, 席数: not a number");
      // Not a terminal: plain lines on stderr, the last at 100 %.
      expect(first.stderr).toMatch(/\[#{30}\] 100% 4 rows · created 2/);
      expect(first.stderr).not.toContain("\r");
      const bytes = readFileSync(report);
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      expect(bytes.subarray(3).toString("utf8").split("\r\n")[1]).toBe(
        "3,メールアドレス,not an email address,C-2,佐藤 花子,hanako@example,株式会社さくら,,3",
      );

      const again = await runKoe(args, env, 200_000);
      expect(again.code, again.stderr).toBe(0);
      expect(again.stdout).toContain("4 rows · created 0 · updated 0 · unchanged 2 · failed 2");

      const open = priv ?? (await openDatabase({ dataDir: env.KOE_DATA_DIR }));
      try {
        const rows = await open.db
          .selectFrom("contacts")
          .select(["email", "name", "tags", "attributes"])
          .orderBy("email")
          .execute();
        expect(rows).toEqual([
          { email: "saburo@example.jp", name: "高橋 三郎", tags: [], attributes: { 席数: 10 } },
          { email: "taro@example.jp", name: "山田 太郎", tags: ["VIP", "展示会"], attributes: { 席数: 25 } },
        ]);
        const imports = await open.db.selectFrom("contact_imports").select(["source", "status"]).execute();
        expect(imports).toEqual([
          { source: "cli", status: "done" },
          { source: "cli", status: "done" },
        ]);
      } finally {
        if (!priv) await open.close();
      }
    } finally {
      await priv?.close();
    }
  });
});
