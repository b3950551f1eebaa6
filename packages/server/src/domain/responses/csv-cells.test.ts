import { describe, expect, it } from "vitest";
import { csvCell, csvLine } from "./csv-cells.ts";

describe("CSV cells", () => {
  it("neutralise every formula start: = + - @ tab and carriage return", () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvCell("+81 3 1234")).toBe("'+81 3 1234");
    expect(csvCell("-5 points")).toBe("'-5 points");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell("\t=1+1")).toBe("'\t=1+1");
    expect(csvCell("\r=1+1")).toBe('"\'\r=1+1"');
  });

  it("quote commas, quotes and line breaks (RFC 4180), and leave plain text alone", () => {
    expect(csvCell("a,b")).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("line 1\nline 2")).toBe('"line 1\nline 2"');
    expect(csvCell("対応が遅い。")).toBe("対応が遅い。");
    expect(csvCell("a=b")).toBe("a=b");
    expect(csvCell(9)).toBe("9");
    expect(csvCell(null)).toBe("");
    expect(csvLine(["x", null, 3])).toBe("x,,3\r\n");
  });
});
