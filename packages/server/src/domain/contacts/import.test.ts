// Contact CSV imports on the real database: CP932 and UTF-16 files decode, the mapping is guessed from
// Japanese and English headers, bad rows are reported with line, column and reason while good rows are
// stored, a second run of the same file changes nothing, the error report is a CSV with a BOM, and the
// progress is written per chunk so a stopped run resumes where it left off.
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newWorkspace, openTestDatabase } from "../../../test/database.ts";
import type { OpenDatabase } from "../../db/open.ts";
import {
  createContactImport,
  getContactImport,
  importErrorsCsv,
  importToRun,
  listImportErrors,
  queueContactImport,
} from "./import-files.ts";
import { guessMapping } from "./import-mapping.ts";
import { runContactImport, type ImportProgress } from "./import-run.ts";

let open: OpenDatabase;
beforeAll(async () => {
  open = await openTestDatabase();
});
afterAll(() => open.close());

let clockMs = Date.parse("2026-12-06T09:00:00Z");
const now = () => new Date(clockMs);

/** Uploads `bytes`, maps it as guessed (or as given) and runs it to the end. */
async function importFile(
  workspaceId: string,
  bytes: Uint8Array,
  opts: {
    chunkRows?: number;
    onProgress?: (p: ImportProgress) => void;
    /** Types for attribute columns, by header, over the guessed ones. */
    types?: Record<string, "number" | "date">;
  } = {},
) {
  const uploaded = await createContactImport(open.db, workspaceId, {
    bytes,
    fileName: "contacts.csv",
    now: now(),
  });
  const mapping = {
    columns: uploaded.guessedMapping.columns.map((c) => {
      const type = opts.types?.[uploaded.columns[c.column]!];
      return type ? { ...c, type } : c;
    }),
  };
  await queueContactImport(open.db, workspaceId, uploaded.id, mapping, now(), async () => {});
  const job = (await importToRun(open.db, workspaceId, uploaded.id))!;
  await runContactImport(open.db, {
    workspaceId,
    importId: uploaded.id,
    source: job.source,
    mapping: job.mapping,
    now,
    ...(opts.chunkRows ? { chunkRows: opts.chunkRows } : {}),
    ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
  });
  return getContactImport(open.db, workspaceId, uploaded.id);
}

const contactsOf = (workspaceId: string) =>
  open.db
    .selectFrom("contacts")
    .leftJoin("companies", (j) =>
      j
        .onRef("companies.workspace_id", "=", "contacts.workspace_id")
        .onRef("companies.id", "=", "contacts.company_id"),
    )
    .select([
      "contacts.email",
      "contacts.name",
      "contacts.phone",
      "contacts.locale",
      "contacts.external_id",
      "contacts.tags",
      "contacts.attributes",
      "contacts.updated_at",
      "companies.name as company",
    ])
    .where("contacts.workspace_id", "=", workspaceId)
    .orderBy("contacts.email")
    .execute();

const japaneseFile = [
  "顧客ID,氏名,メールアドレス,電話番号,会社名,言語,タグ,プラン,席数,契約日",
  "C-001,山田 太郎,taro@example.jp,03-1234-5678,株式会社さくら,日本語,VIP、展示会2026,プロ,25,2026/4/1",
  "C-002,佐藤 花子,not-an-email,090-0000-0000,株式会社さくら,ja,,ベーシック,3,2026-05-01",
  "C-003,鈴木 一郎,ichiro@example.jp,,株式会社もみじ,fr,,ベーシック,abc,2026-05-02",
  "C-004,田中 次郎,TARO@example.jp,,,en,,プロ,1,",
  "C-005,高橋 三郎,saburo@example.jp,,株式会社もみじ,en,beta; vip,プロ,10,2026-06-30",
  ",,,,,,,,,",
  "C-006,伊藤 四郎,shiro@example.jp,,,,,,,2026-06-31",
].join("\r\n");

const types = { 席数: "number", 契約日: "date" } as const;

describe("guessMapping", () => {
  it("maps Japanese and English headers to fields and types the other columns from their values", () => {
    const m = guessMapping(
      [
        "メールアドレス",
        "氏名",
        "電話番号",
        "会社名",
        "言語",
        "タグ",
        "顧客ID",
        "席数",
        "契約日",
        "有料",
        "メモ",
      ],
      [["a@example.jp", "山田", "03", "さくら", "ja", "vip", "C-1", "25", "2026/4/1", "true", "こんにちは"]],
    );
    expect(m.columns.map((c) => c.field)).toEqual([
      "email",
      "name",
      "phone",
      "company",
      "locale",
      "tags",
      "externalId",
      "attribute",
      "attribute",
      "attribute",
      "attribute",
    ]);
    expect(m.columns.slice(7).map((c) => c.type)).toEqual(["number", "date", "boolean", "text"]);
    const en = guessMapping(
      ["E-mail", "Full Name", "Phone Number", "Company Name", "Language", "Tags", "External ID"],
      [],
    );
    expect(en.columns.map((c) => c.field)).toEqual([
      "email",
      "name",
      "phone",
      "company",
      "locale",
      "tags",
      "externalId",
    ]);
  });
});

describe("a contact import", () => {
  it("reads a CP932 file, stores its good rows and reports each bad cell with line, column and reason", async () => {
    const ws = await newWorkspace(open.db);
    const done = await importFile(ws, iconv.encode(japaneseFile, "cp932"), { types });
    expect(done).toMatchObject({
      encoding: "cp932",
      status: "done",
      totalRows: 6,
      rowsDone: 6,
      created: 2,
      failed: 4,
    });
    const rows = await contactsOf(ws);
    expect(rows.map((r) => r.email)).toEqual(["saburo@example.jp", "taro@example.jp"]);
    expect(rows.find((r) => r.email === "taro@example.jp")).toMatchObject({
      name: "山田 太郎",
      phone: "03-1234-5678",
      locale: "ja",
      external_id: "C-001",
      company: "株式会社さくら",
      tags: ["VIP", "展示会2026"],
      attributes: { プラン: "プロ", 席数: 25, 契約日: "2026-04-01" },
    });
    expect(rows.find((r) => r.email === "saburo@example.jp")?.tags).toEqual(["beta", "vip"]);
    const errors = await listImportErrors(open.db, ws, done.id, "en");
    expect(errors.data.map((e) => [e.line, e.column, e.message])).toEqual([
      [3, "メールアドレス", "not an email address"],
      [4, "言語", "not a language Koe speaks (ja or en)"],
      [4, "席数", "not a number"],
      [5, "メールアドレス", "the same email address as line 2"],
      [8, "契約日", "not a date (YYYY-MM-DD)"],
    ]);
    expect(errors.total).toBe(5);
    expect((await listImportErrors(open.db, ws, done.id, "ja")).data[0]?.message).toBe(
      "メールアドレスの形式ではありません",
    );

    let csv = "";
    for await (const part of importErrorsCsv(open.db, ws, done.id, "ja")) csv += part;
    const lines = csv.split("\r\n");
    expect(lines[0]).toBe(
      "\uFEFF行,列,理由,顧客ID,氏名,メールアドレス,電話番号,会社名,言語,タグ,プラン,席数,契約日",
    );
    expect(lines[1]).toBe(
      "3,メールアドレス,メールアドレスの形式ではありません,C-002,佐藤 花子,not-an-email,090-0000-0000,株式会社さくら,ja,,ベーシック,3,2026-05-01",
    );
    expect(lines).toHaveLength(7);
  });

  it("changes nothing when the same file runs again: every row unchanged, no updated_at moved", async () => {
    const ws = await newWorkspace(open.db);
    const file = iconv.encode(japaneseFile, "cp932");
    await importFile(ws, file, { types });
    const before = await contactsOf(ws);
    clockMs += 3_600_000;
    const again = await importFile(ws, file, { types });
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 2, failed: 4 });
    expect(await contactsOf(ws)).toEqual(before);
    const companies = await open.db
      .selectFrom("companies")
      .select("name")
      .where("workspace_id", "=", ws)
      .execute();
    expect(companies.map((c) => c.name).sort()).toEqual(["株式会社さくら", "株式会社もみじ"]);
  });

  it("reads UTF-16 with a BOM and updates by external id, adding tags and keeping values an empty cell leaves out", async () => {
    const ws = await newWorkspace(open.db);
    await importFile(
      ws,
      Buffer.from("external id,email,name,tags\nX1,one@example.com,One,a\nX2,two@example.com,Two,\n"),
    );
    const t0 = (await contactsOf(ws)).map((r) => r.updated_at.getTime());
    clockMs += 60_000;
    const text =
      "\uFEFFexternal id,email,name,tags\r\nX1,new-one@example.com,,b;a\r\nX2,two@example.com,Two,\r\n";
    for (const [encoding, bom] of [
      ["utf-16le", [0xff, 0xfe]],
      ["utf-16be", [0xfe, 0xff]],
    ] as const) {
      const bytes = Buffer.concat([Buffer.from(bom), iconv.encode(text.slice(1), encoding)]);
      const done = await importFile(ws, bytes);
      expect(done.encoding).toBe(encoding);
      expect(done).toMatchObject(
        encoding === "utf-16le" ? { updated: 1, unchanged: 1, created: 0 } : { updated: 0, unchanged: 2 },
      );
    }
    const rows = await contactsOf(ws);
    expect(rows.map((r) => [r.email, r.name, r.external_id, r.tags])).toEqual([
      ["new-one@example.com", "One", "X1", ["a", "b"]],
      ["two@example.com", "Two", "X2", []],
    ]);
    expect(rows[1]?.updated_at.getTime()).toBe(t0[1]);
  });

  it("refuses an email that belongs to another contact and two rows naming one contact", async () => {
    const ws = await newWorkspace(open.db);
    await importFile(ws, Buffer.from("id,email\nA,a@example.com\nB,b@example.com\n"));
    const done = await importFile(ws, Buffer.from("id,email\nA,b@example.com\nC,a@example.com\n"));
    const errors = await listImportErrors(open.db, ws, done.id, "en");
    expect(errors.data.map((e) => [e.line, e.reason])).toEqual([
      [2, "email_taken"],
      [3, "external_id_taken"],
    ]);
    expect(done).toMatchObject({ created: 0, updated: 0, failed: 2 });
  });

  it("writes its progress per chunk and resumes after the last written chunk when a run stops", async () => {
    const ws = await newWorkspace(open.db);
    const lines = ["email,name"];
    for (let i = 1; i <= 10; i++) lines.push(i === 7 ? "bad,Seven" : `p${i}@example.com,Person ${i}`);
    const file = Buffer.from(lines.join("\n"));
    const uploaded = await createContactImport(open.db, ws, { bytes: file, fileName: "p.csv", now: now() });
    await queueContactImport(open.db, ws, uploaded.id, uploaded.guessedMapping, now(), async () => {});
    const seen: number[] = [];
    const job = (await importToRun(open.db, ws, uploaded.id))!;
    await expect(
      runContactImport(open.db, {
        workspaceId: ws,
        importId: uploaded.id,
        source: job.source,
        mapping: job.mapping,
        now,
        chunkRows: 3,
        onProgress: (p) => {
          seen.push(p.rowsDone);
          if (p.rowsDone === 6) throw new Error("killed");
        },
      }),
    ).rejects.toThrow("killed");
    expect(seen).toEqual([3, 6]);
    expect(await getContactImport(open.db, ws, uploaded.id)).toMatchObject({
      status: "running",
      rowsDone: 6,
      created: 6,
    });
    await runContactImport(open.db, {
      workspaceId: ws,
      importId: uploaded.id,
      source: job.source,
      mapping: job.mapping,
      now,
      chunkRows: 3,
    });
    expect(await getContactImport(open.db, ws, uploaded.id)).toMatchObject({
      status: "done",
      rowsDone: 10,
      created: 9,
      unchanged: 0,
      failed: 1,
    });
    expect((await contactsOf(ws)).length).toBe(9);
  });
});
