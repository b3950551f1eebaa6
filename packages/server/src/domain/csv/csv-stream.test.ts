// The streaming CSV reader gives the same values and line numbers as csv-records.ts (csv-parse) on
// well-formed files, however the text is cut into pieces, and reports a malformed record as one row.
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { csvRecords } from "./csv-records.ts";
import { CsvRowReader, decodedChunks, isUtf8Stream, type StreamedRow } from "./csv-stream.ts";

function readAll(text: string, pieceSize: number): StreamedRow[] {
  const reader = new CsvRowReader();
  const rows: StreamedRow[] = [];
  for (let i = 0; i < text.length; i += pieceSize) rows.push(...reader.push(text.slice(i, i + pieceSize)));
  rows.push(...reader.end());
  return rows;
}

async function* pieces(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

const sample = [
  "email,name,note",
  "a@example.jp,山田 太郎,plain",
  "",
  '  b@example.jp , "田中, 花子" ,"two',
  'lines ""quoted"""',
  "\r\nc@example.jp,x,y\r",
  "d@example.jp,  spaced  ,\r",
  "  ",
  'e@example.jp,"",last',
].join("\n");

describe("CsvRowReader", () => {
  it("reads what csv-parse reads, with the same lines, whatever the piece size", () => {
    const expected = csvRecords(sample, 100);
    for (const size of [1, 2, 3, 7, 1000]) {
      const [header, ...rows] = readAll(sample, size);
      expect(header?.cells).toEqual(expected.columns);
      expect(
        rows.map((r) => ({
          line: r.line,
          values: Object.fromEntries(expected.columns.map((c, i) => [c, r.cells[i]])),
        })),
      ).toEqual(expected.rows);
      expect(rows.every((r) => r.problem === undefined)).toBe(true);
    }
  });

  it("reports text after a closing quote as that record's problem and goes on", () => {
    const rows = readAll('a,b\n"x"y,1\nz,2\n', 4);
    expect(rows[1]).toMatchObject({
      line: 2,
      cells: ["xy", "1"],
      problem: expect.stringContaining("closing quote"),
    });
    expect(rows[2]).toEqual({ line: 3, cells: ["z", "2"] });
  });

  it("reports a quote never closed at the end of the file, naming its line", () => {
    const rows = readAll('a,b\n1,2\n"open,3\n4,5\n', 5);
    expect(rows).toHaveLength(3);
    expect(rows[2]).toMatchObject({ line: 3, problem: "a quote opened on line 3 is never closed" });
  });
});

describe("decodedChunks", () => {
  it("decodes CP932 and UTF-16 cut inside a character", async () => {
    const text = "氏名,メールアドレス\n山田 太郎,taro@example.jp\n";
    for (const [encoding, skip] of [
      ["cp932", 0],
      ["utf-16le", 2],
      ["utf-16be", 2],
    ] as const) {
      const body = iconv.encode(text, encoding);
      const bytes = skip
        ? Buffer.concat([Buffer.from(encoding === "utf-16le" ? [0xff, 0xfe] : [0xfe, 0xff]), body])
        : body;
      let out = "";
      for await (const t of decodedChunks(pieces(bytes, 3), encoding, skip)) out += t;
      expect(out).toBe(text);
    }
  });

  it("tells a UTF-8 file from a CP932 one in a streamed pass", async () => {
    expect(await isUtf8Stream(pieces(Buffer.from("山田 太郎"), 1))).toBe(true);
    expect(await isUtf8Stream(pieces(iconv.encode("山田 太郎", "cp932"), 1))).toBe(false);
  });
});
