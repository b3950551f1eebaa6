import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { ValidationError } from "../errors.ts";
import { csvRecords } from "./csv-records.ts";
import { decodeCsv } from "./decode-csv.ts";

const csv = "email,name\nyamada@example.jp,山田 太郎\nsuzuki@example.jp,髙橋 ①\n";

function refusal(run: () => unknown): ValidationError {
  try {
    run();
  } catch (e) {
    if (e instanceof ValidationError) return e;
    throw e;
  }
  throw new Error("was not refused");
}

describe("decodeCsv", () => {
  it("reads Shift_JIS (CP932) as Excel on Japanese Windows saves it, detected", () => {
    expect(decodeCsv(iconv.encode(csv, "cp932"))).toEqual({ text: csv, encoding: "cp932" });
  });

  it("reads UTF-8 with or without a byte-order mark", () => {
    expect(decodeCsv(Buffer.from(csv))).toEqual({ text: csv, encoding: "utf-8" });
    expect(decodeCsv(Buffer.from(`\uFEFF${csv}`))).toEqual({ text: csv, encoding: "utf-8" });
  });

  it("reads UTF-16 by its byte-order mark, little- or big-endian", () => {
    expect(decodeCsv(iconv.encode(csv, "utf-16le", { addBOM: true }))).toEqual({
      text: csv,
      encoding: "utf-16le",
    });
    expect(decodeCsv(iconv.encode(csv, "utf-16be", { addBOM: true }))).toEqual({
      text: csv,
      encoding: "utf-16be",
    });
  });

  it("follows a declared charset, and refuses one it does not know", () => {
    expect(decodeCsv(iconv.encode(csv, "cp932"), "Shift_JIS")).toEqual({ text: csv, encoding: "shift_jis" });
    expect(decodeCsv(iconv.encode(csv, "utf-16le"), "utf-16le").text).toBe(csv);
    expect(refusal(() => decodeCsv(Buffer.from(csv), "klingon")).issues).toEqual([
      { path: "charset", message: expect.stringContaining("klingon") },
    ]);
  });

  it("refuses bytes that are not text, naming each line", () => {
    // Line 3 has a Shift_JIS lead byte followed by a line break: no character.
    const bad = Buffer.concat([
      iconv.encode("email,name\r\nsato@example.jp,佐藤\r\nito@example.jp,", "cp932"),
      Buffer.from([0x81, 0x0d, 0x0a]),
      iconv.encode("abe@example.jp,阿部\r\n", "cp932"),
      Buffer.from([0xff, 0x0a]),
    ]);
    const e = refusal(() => decodeCsv(bad));
    expect(e.issues.map((i) => i.line)).toEqual([3, 5]);
    expect(e.message).toMatch(/line 3 has bytes that are not text in CP932/);
    // Declared UTF-8, sent Shift_JIS: refused rather than stored as U+FFFD.
    const declared = refusal(() => decodeCsv(iconv.encode(csv, "cp932"), "utf-8"));
    expect(declared.issues[0]).toMatchObject({ path: "csv", line: 2 });
  });

  it("refuses what PostgreSQL cannot store: NUL, half a surrogate pair, an odd UTF-16 byte", () => {
    // UTF-16 without a byte-order mark is valid UTF-8 full of NULs.
    expect(
      refusal(() => decodeCsv(iconv.encode("email\na@example.jp\n", "utf-16le"))).issues[0],
    ).toMatchObject({
      line: 1,
    });
    const lone = Buffer.concat([
      iconv.encode("email\n", "utf-16le", { addBOM: true }),
      Buffer.from([0x00, 0xd8]),
    ]);
    expect(refusal(() => decodeCsv(lone)).issues[0]).toMatchObject({ line: 2 });
    const odd = Buffer.concat([
      iconv.encode("email\nb@example.jp", "utf-16le", { addBOM: true }),
      Buffer.from([0x41]),
    ]);
    expect(refusal(() => decodeCsv(odd)).issues[0]).toMatchObject({ line: 2 });
  });
});

describe("csvRecords", () => {
  it("numbers rows by the line they start on, past blank lines and values spanning lines", () => {
    const text = 'email,note\n\na@example.jp,"two\nlines"\r\nb@example.jp,one\r\n\r\nc@example.jp,\n';
    const { columns, rows } = csvRecords(text, 10);
    expect(columns).toEqual(["email", "note"]);
    expect(rows.map((r) => [r.line, r.values.email])).toEqual([
      [3, "a@example.jp"],
      [5, "b@example.jp"],
      [7, "c@example.jp"],
    ]);
    expect(rows[0]!.values.note).toBe("two\nlines");
  });

  it("refuses more rows than allowed, and text that is not CSV", () => {
    expect(() => csvRecords("email\na\nb\nc\n", 2)).toThrow(ValidationError);
    expect(() => csvRecords('email,name\n"open,x\n', 10)).toThrow(ValidationError);
  });
});
