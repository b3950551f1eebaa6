// The `koe` command beside a running `koe serve` on the embedded database (the README's commands while
// `npm start` runs): the data directory is locked to the server, so each data command is handed to it and
// works as it would alone; a command that needs the database to itself says which Koe holds it. Real
// processes: one server shared by the file, each command a child process of its own.
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { onPostgres } from "../../test/database.ts";
import { runKoe, startKoe, type KoeServer } from "../../test/koe-process.ts";
import { controlFile, readControlNote } from "./control-file.ts";

const BOOT_KEY = "beside-server-boot-key";
// Guards only, far above the seconds these take on a quiet machine: a loaded CI machine (or one shared
// by other test runs) can be many times slower, and a guard is no assertion.
const START_MS = 400_000;
const RUN_MS = 240_000;
let dir: string;
let server: KoeServer;
let env: Record<string, string>;

async function api<T>(path: string, key: string, body?: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(`${server.url}/api/v1${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
}

/** A zone where it is about noon now: the contacts' quiet hours (21:00–08:00) never hold the mail back. */
function noonZone(): string {
  const offset = 12 - new Date().getUTCHours();
  return offset === 0 ? "UTC" : offset > 0 ? `Etc/GMT-${offset}` : `Etc/GMT+${-offset}`;
}

// The embedded database only (a PostgreSQL run would test the same processes again).
describe.skipIf(onPostgres())(
  "koe commands while koe serve runs on the embedded database",
  { timeout: 300_000 },
  () => {
    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), "koe-beside-"));
      env = { KOE_DATA_DIR: dir };
      // The server's temporary files in a directory of the test's: the import's upload must not outlive it.
      mkdirSync(join(dir, "tmp"));
      server = await startKoe({
        ...env,
        PORT: "0",
        KOE_BOOTSTRAP_API_KEY: BOOT_KEY,
        TMPDIR: join(dir, "tmp"),
      });
    }, START_MS + 30_000);

    afterAll(async () => {
      await server?.stop();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it("keeps a control file only its user can read, naming the server", () => {
      expect(statSync(controlFile(dir)).mode & 0o777).toBe(0o600);
      const note = readControlNote(dir);
      expect(note?.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(note?.publicUrl).toBe(server.url.replace("127.0.0.1", "localhost"));
    });

    it("refuses the control listener to a caller without the token", async () => {
      const note = readControlNote(dir)!;
      const run = (authorization?: string) =>
        fetch(`${note.url}/internal/cli/run`, {
          method: "POST",
          headers: {
            ...(authorization ? { authorization } : {}),
            "koe-command": encodeURIComponent(JSON.stringify({ argv: ["apikey", "create"], tty: false })),
          },
        }).then((r) => r.status);
      expect(await run()).toBe(401);
      expect(await run("Bearer not-the-token")).toBe(401);
    });

    it("koe apikey create prints a key that works against the server", async () => {
      const run = await runKoe(["apikey", "create", "--role", "viewer", "--name", "dashboard"], env, RUN_MS);
      expect(run.stderr).toBe("");
      expect(run.code).toBe(0);
      const key = run.stdout.trim();
      expect(key).toMatch(/^\S{20,}$/);
      const workspace = await api<{ name: string }>("/workspace", key);
      expect(workspace.status).toBe(200);
      // A viewer's key, as asked: it may read but not write.
      expect((await api("/touchpoints", key, { name: "x", kind: "support", channel: "phone" })).status).toBe(
        403,
      );
      expect(server.output()).toContain(`running "koe apikey create" for the koe command`);
    });

    it("koe admin create makes an instance owner who can sign in, and says a second one exists", async () => {
      const args = ["admin", "create", "--email", "owner@example.com", "--password", "correct horse"];
      const run = await runKoe(args, env, RUN_MS);
      expect(run).toMatchObject({ code: 0, stdout: "created admin owner@example.com\n", stderr: "" });
      const signIn = await fetch(`${server.url}/api/v1/session`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: "owner@example.com", password: "correct horse" }),
      });
      expect(signIn.status).toBe(200);
      const again = await runKoe(args, env, RUN_MS);
      expect(again.code).toBe(1);
      expect(again.stderr).toBe("koe: a user with email owner@example.com already exists\n");
      // The password never reaches the server's log.
      expect(server.output()).not.toContain("correct horse");
    });

    it("koe campaign send launches a campaign through the server and shows its progress until it is sent", async () => {
      const survey = await api<{ id: string }>("/surveys", BOOT_KEY, {
        name: "Relationship NPS",
        kind: "nps",
        status: "active",
        question: { en: "How likely are you to recommend us?", ja: "おすすめしますか？" },
      });
      expect(survey.status).toBe(201);
      const timeZone = noonZone();
      for (const n of [1, 2, 3])
        expect((await api("/contacts", BOOT_KEY, { email: `c${n}@example.com`, timeZone })).status).toBe(201);
      const campaign = await api<{ id: string }>("/campaigns", BOOT_KEY, {
        name: "Q4",
        surveyId: survey.body.id,
        audience: { kind: "all" },
      });
      expect(campaign.status).toBe(201);
      const id = campaign.body.id;
      const run = await runKoe(["campaign", "send", id], env, RUN_MS);
      expect(run.stderr).toBe("");
      expect(run.code).toBe(0);
      const lines = run.stdout.trim().split("\n");
      expect(lines[0]).toBe(`sending campaign ${id} (outbox)`);
      expect(lines).toContain(
        "[##############################] 3/3 sent 3 · failed 0 · skipped 0 · queued 0",
      );
      expect(lines.at(-1)).toBe("done");
      // Sent by the server's own mail worker: the three messages are in its outbox.
      const outbox = await api<{ data: unknown[] }>("/outbox", BOOT_KEY);
      expect(outbox.status).toBe(200);
      expect(outbox.body.data).toHaveLength(3);
    });

    it("koe import contacts sends the file to the server, which imports it and writes the error report here", async () => {
      // A file the server is not told the path of: the command runs elsewhere, the file is relative to it.
      const work = mkdtempSync(join(dir, "work-"));
      writeFileSync(
        join(work, "list.csv"),
        "email,name,plan\nhana@example.com,Hana,pro\nnot-an-email,Bad,pro\nken@example.com,Ken,free\n",
      );
      const run = await runKoe(["import", "contacts", "list.csv", "--errors", "bad.csv"], env, RUN_MS, work);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toMatch(/^import \S+: list\.csv \(utf-8, 88 bytes\)\n/);
      expect(run.stdout).toContain("done in");
      expect(run.stdout).toContain("3 rows · created 2 · updated 0 · unchanged 0 · failed 1");
      expect(run.stdout).toContain("  line 3, email: not an email address");
      expect(run.stdout).toContain(`error report: ${join(work, "bad.csv")}`);
      // The progress bar on stderr, as when run here.
      expect(run.stderr).toMatch(/\[#{30}\] 100% 3 rows/);
      expect(readFileSync(join(work, "bad.csv"), "utf8")).toContain(
        "3,email,not an email address,not-an-email,Bad,pro",
      );
      const contacts = await api<{ data: { email: string }[] }>("/contacts?limit=100", BOOT_KEY);
      expect(contacts.body.data.map((c) => c.email)).toEqual(
        expect.arrayContaining(["hana@example.com", "ken@example.com"]),
      );
      // The server's copy of the upload is gone.
      expect(readdirSync(join(dir, "tmp")).filter((f) => f.startsWith("koe-upload-"))).toEqual([]);
    });

    it("koe migrate says in one line which Koe holds the directory and what to do", async () => {
      const run = await runKoe(["migrate"], env, RUN_MS);
      expect(run.code).toBe(1);
      const note = readControlNote(dir)!;
      expect(run.stderr).toBe(
        `koe: the data directory ${dir} is in use by Koe (pid ${note.pid}) listening on ${note.publicUrl}; ` +
          "it applied its migrations when it started; to apply a newer Koe's, stop it first (Ctrl-C in its terminal) and start the new one\n",
      );
    });

    it("removes the control file when the server stops", async () => {
      expect(existsSync(controlFile(dir))).toBe(true);
      await server.stop();
      expect(server.output()).toContain("shutting down");
      expect(existsSync(controlFile(dir))).toBe(false);
      expect(existsSync(join(dir, "koe.lock"))).toBe(false);
    });
  },
);
