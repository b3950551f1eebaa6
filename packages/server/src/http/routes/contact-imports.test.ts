// /api/v1/contact-imports through the app: a CP932 upload answers its encoding, header, first rows and a
// guessed mapping; the run goes through the job queue (a real runner on pg-boss, its TestClock moved by the
// test) and its progress and counts are polled; the bad rows come as a list and as the CSV error report.
import iconv from "iconv-lite";
import { sql } from "kysely";
import { TestClock } from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testClient, type TestClient } from "../../../test/app.ts";
import { openTestDatabase } from "../../../test/database.ts";
import { outboxMailer } from "../../channels/email/outbox-mailer.ts";
import type { OpenDatabase } from "../../db/open.ts";
import { contactImportJob } from "../../jobs/contact-import.ts";
import { startRunner, type JobRunner } from "../../jobs/runner.ts";

let open: OpenDatabase;
let c: TestClient;
let runner: JobRunner;
const clock = new TestClock(Date.now());

beforeAll(async () => {
  open = await openTestDatabase();
  c = await testClient(open.db);
  runner = await startRunner({
    jobs: [contactImportJob],
    services: {
      db: open.db,
      clock,
      mailer: outboxMailer(open.db),
      links: { secret: "x".repeat(32), baseUrl: "http://koe.test" },
      config: { mailLeaseSeconds: 60, parallelExpansion: false },
    },
    onError: (e) => console.error(e),
  });
});
afterAll(async () => {
  await runner.stop(0);
  await open.close();
});

async function upload(client: TestClient, bytes: Uint8Array, fileName = "顧客.csv") {
  const res = await client.app.request(`/api/v1/contact-imports?fileName=${encodeURIComponent(fileName)}`, {
    method: "POST",
    headers: { authorization: `Bearer ${client.key}`, "content-type": "text/csv" },
    body: bytes,
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> & { id: string } };
}

/** Moves the queue's clock a second at a time until the import is done (or failed). */
async function finished(id: string) {
  for (let i = 0; i < 120; i++) {
    const res = await c.call("GET", `/api/v1/contact-imports/${id}`);
    if (res.body.status === "done" || res.body.status === "failed") return res.body;
    await clock.tick(1_000);
  }
  throw new Error("the import did not finish in 120 s of the test clock");
}

const file = iconv.encode(
  [
    "メールアドレス,氏名,会社名,タグ,プラン",
    "taro@example.jp,山田 太郎,株式会社さくら,VIP、展示会,プロ",
    "hanako@example,佐藤 花子,,,ベーシック",
    "ichiro@example.jp,鈴木 一郎,株式会社さくら,,プロ",
  ].join("\r\n"),
  "cp932",
);

describe("contact imports over the API", () => {
  it("previews a CP932 upload with a guessed mapping, runs it as a job and reports its bad row", async () => {
    const up = await upload(c, file);
    expect(up.status).toBe(201);
    expect(up.body).toMatchObject({
      fileName: "顧客.csv",
      encoding: "cp932",
      status: "uploaded",
      columns: ["メールアドレス", "氏名", "会社名", "タグ", "プラン"],
      totalRows: 3,
      rowsDone: 0,
    });
    expect((up.body.preview as string[][])[0]).toEqual([
      "taro@example.jp",
      "山田 太郎",
      "株式会社さくら",
      "VIP、展示会",
      "プロ",
    ]);
    expect(up.body.guessedMapping).toEqual({
      columns: [
        { column: 0, field: "email" },
        { column: 1, field: "name" },
        { column: 2, field: "company" },
        { column: 3, field: "tags" },
        { column: 4, field: "attribute", key: "プラン", type: "text" },
      ],
    });

    const run = await c.call("POST", `/api/v1/contact-imports/${up.body.id}/run`, up.body.guessedMapping);
    expect(run.status).toBe(202);
    expect(run.body.status).toBe("queued");
    expect(
      (await c.call("POST", `/api/v1/contact-imports/${up.body.id}/run`, up.body.guessedMapping)).status,
    ).toBe(409);

    const done = await finished(up.body.id);
    expect(done).toMatchObject({
      status: "done",
      rowsDone: 3,
      created: 2,
      updated: 0,
      unchanged: 0,
      failed: 1,
    });
    const list = await c.call("GET", "/api/v1/contacts?q=example.jp");
    expect(list.body.data.map((p: { name: string }) => p.name).sort()).toEqual(["山田 太郎", "鈴木 一郎"]);

    const errors = await c.call("GET", `/api/v1/contact-imports/${up.body.id}/errors?locale=ja`);
    expect(errors.body).toEqual({
      data: [
        {
          line: 3,
          column: "メールアドレス",
          reason: "email_invalid",
          detail: "",
          message: "メールアドレスの形式ではありません",
        },
      ],
      total: 1,
    });
    const csv = await c.app.request(`/api/v1/contact-imports/${up.body.id}/errors.csv`, {
      headers: { authorization: `Bearer ${c.key}` },
    });
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    // Read as bytes: Response.text() would drop the byte-order mark that Excel needs.
    const bytes = Buffer.from(await csv.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.subarray(3).toString("utf8")).toBe(
      "line,column,reason,メールアドレス,氏名,会社名,タグ,プラン\r\n" +
        "3,メールアドレス,not an email address,hanako@example,佐藤 花子,,,ベーシック\r\n",
    );
  });

  it("says unchanged for every row when the same file is imported again", async () => {
    const up = await upload(c, file);
    await c.call("POST", `/api/v1/contact-imports/${up.body.id}/run`, up.body.guessedMapping);
    expect(await finished(up.body.id)).toMatchObject({ created: 0, updated: 0, unchanged: 2, failed: 1 });
  });

  it("refuses a mapping without email or external id, an empty file, and a viewer", async () => {
    const up = await upload(c, file);
    const bad = await c.call("POST", `/api/v1/contact-imports/${up.body.id}/run`, {
      columns: [{ column: 0, field: "skip" }],
    });
    expect(bad.status).toBe(422);
    expect((await upload(c, new Uint8Array())).status).toBe(422);
    const viewer = await c.as("viewer");
    expect((await upload(viewer, file)).status).toBe(403);
    expect((await viewer.call("GET", `/api/v1/contact-imports/${up.body.id}`)).status).toBe(200);
  });

  it("refuses a file with a header but no rows, and one with a quote never closed, saying which", async () => {
    const headerOnly = await upload(c, Buffer.from("email,name\r\n\r\n"));
    expect(headerOnly.status).toBe(422);
    expect(headerOnly.body.errors).toEqual([
      { path: "csv", message: "the file has a header row but no rows of contacts under it" },
    ]);
    const unclosed = await upload(
      c,
      Buffer.from('email,name\r\na@example.jp,"Ann\r\nb@example.jp,Bob\r\nc@example.jp,Cy\r\n'),
    );
    expect(unclosed.status).toBe(422);
    expect((unclosed.body.errors as { message: string }[])[0]!.message).toMatch(
      /^a quote opened on line 2 is never closed/,
    );
  });

  it("imports again its own error report: the apostrophe before + = - @ is dropped, the preview goes", async () => {
    const up = await upload(
      c,
      Buffer.from("email,phone,name\r\nreport@example.jp,'+81 90 1234 5678,'=Not a formula\r\n"),
      "errors.csv",
    );
    await c.call("POST", `/api/v1/contact-imports/${up.body.id}/run`, up.body.guessedMapping);
    const done = await finished(up.body.id);
    expect(done).toMatchObject({ status: "done", created: 1, failed: 0, preview: [] });
    const list = await c.call("GET", "/api/v1/contacts?q=report@example.jp");
    expect(list.body.data).toMatchObject([{ phone: "+81 90 1234 5678", name: "=Not a formula" }]);
  });

  it("erasing a contact leaves none of their data in imports: no file, first rows or bad row", async () => {
    const address = "erase-me@example.jp";
    const ran = await upload(
      c,
      Buffer.from(`email,name\r\n${address},消す 人\r\n${address.toUpperCase()},二度目\r\n`),
    );
    await c.call("POST", `/api/v1/contact-imports/${ran.body.id}/run`, ran.body.guessedMapping);
    expect(await finished(ran.body.id)).toMatchObject({ created: 1, failed: 1 });
    const kept = await upload(c, Buffer.from(`email,name\r\nother@example.jp,他\r\n${address},消す 人\r\n`));
    expect(kept.status).toBe(201);
    const held = () =>
      open.db
        .selectFrom("contact_imports")
        .select("id")
        .where((eb) =>
          eb.or([
            sql<boolean>`position(${Buffer.from(address)}::bytea in file) > 0`,
            sql<boolean>`preview::text like ${`%${address}%`}`,
          ]),
        )
        .execute();
    const errorRows = () =>
      open.db
        .selectFrom("contact_import_errors")
        .select("line")
        .where(sql<boolean>`lower(record::text) like ${`%${address}%`}`)
        .execute();
    expect((await held()).length).toBe(1);
    expect((await errorRows()).length).toBe(1);

    const [contact] = (await c.call("GET", `/api/v1/contacts?q=${address}`)).body.data as { id: string }[];
    const data = await c.call("GET", `/api/v1/contacts/${contact!.id}/privacy-export`);
    expect(data.body.importErrors).toMatchObject([
      {
        importId: ran.body.id,
        line: 3,
        reason: "duplicate_email",
        record: [address.toUpperCase(), "二度目"],
      },
    ]);
    expect((await c.call("POST", `/api/v1/contacts/${contact!.id}/erase`)).status).toBe(200);
    expect(await held()).toEqual([]);
    expect(await errorRows()).toEqual([]);
    // The upload not yet run says why it cannot run now.
    expect((await c.call("GET", `/api/v1/contact-imports/${kept.body.id}`)).body.preview).toEqual([]);
    await c.call("POST", `/api/v1/contact-imports/${kept.body.id}/run`, kept.body.guessedMapping);
    expect(await finished(kept.body.id)).toMatchObject({
      status: "failed",
      error: "the import's file is gone; upload it again",
    });
  });
});
