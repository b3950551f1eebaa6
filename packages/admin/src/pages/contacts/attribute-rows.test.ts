// The attribute editor keeps each value's type through an edit, and names the first bad row.
import { describe, expect, it } from "vitest";
import { attributesOf, rowsOf } from "./attribute-rows.ts";

describe("attribute rows", () => {
  it("round-trips strings, numbers and booleans with their types", () => {
    const attributes = { plan: "pro", seats: 12, ratio: 0.5, trial: false, note: null };
    const rows = rowsOf(attributes);
    expect(rows).toEqual([
      { key: "plan", type: "string", value: "pro" },
      { key: "seats", type: "number", value: "12" },
      { key: "ratio", type: "number", value: "0.5" },
      { key: "trial", type: "boolean", value: "false" },
      { key: "note", type: "string", value: "" },
    ]);
    expect(attributesOf(rows)).toEqual({ ok: true, value: { ...attributes, note: "" } });
  });

  it("reads a number typed with thousands separators, and keeps the text '12' a string", () => {
    expect(
      attributesOf([
        { key: "seats", type: "number", value: " 1,200 " },
        { key: "code", type: "string", value: "12" },
      ]),
    ).toEqual({ ok: true, value: { seats: 1200, code: "12" } });
  });

  it("skips an empty row and names the first bad one", () => {
    expect(attributesOf([{ key: " ", type: "string", value: "" }])).toEqual({ ok: true, value: {} });
    expect(attributesOf([{ key: "", type: "string", value: "x" }])).toEqual({
      ok: false,
      index: 0,
      problem: "key",
    });
    expect(
      attributesOf([
        { key: "a", type: "string", value: "1" },
        { key: " a ", type: "string", value: "2" },
      ]),
    ).toEqual({ ok: false, index: 1, problem: "duplicate" });
    expect(attributesOf([{ key: "n", type: "number", value: "twelve" }])).toEqual({
      ok: false,
      index: 0,
      problem: "number",
    });
  });
});
