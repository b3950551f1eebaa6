// The import's hand-written check must never accept a row that the zod schema refuses, nor read one
// differently: whatever it passes, responseInput accepts with the same values.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { responseInput } from "./response-schema.ts";
import { isWellFormedRow } from "./well-formed-row.ts";

const uuid = "0192f3c4-5b6a-7c8d-9e0f-1a2b3c4d5e6f";
const good = {
  surveyId: uuid,
  score: 9,
  contactId: uuid,
  touchpointId: null,
  channel: "phone",
  comment: "とても良かった\tthanks\\",
  locale: "ja",
  metadata: { plan: "pro", seats: 12, trial: false, note: null },
  source: "import",
  createdAt: "2025-06-01T10:00:00.123+09:00",
};

/** Values near the edges of each field, good and bad. */
const anyValue = fc.oneof(
  fc.constantFrom(
    undefined,
    null,
    "",
    uuid,
    uuid.toUpperCase(),
    "00000000-0000-0000-0000-000000000000",
    "0192f3c4-5b6a-9c8d-9e0f-1a2b3c4d5e6f",
    "not-a-uuid",
    "email",
    "chat",
    "web",
    "fax",
    "ja",
    "en",
    "fr",
    "api",
    "import",
    "2025-06-01T10:00:00Z",
    "2025-06-01T10:00:00+09:00",
    "2025-02-29T10:00:00Z",
    "2024-02-29T10:00:00Z",
    "1999-12-31T23:59:59Z",
    "2999-01-01T00:00:00Z",
    "2025-06-01 10:00:00Z",
    "2025-06-01T10:00:00",
    "x".repeat(5000),
    "x".repeat(5001),
    "x".repeat(1001),
    0,
    -0,
    10,
    -1,
    1.5,
    2 ** 53,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    true,
    [],
    {},
    { a: 1 },
    { "": 1 },
    { ["k".repeat(65)]: 1 },
    { a: [1] },
    { a: undefined },
    { a: "x".repeat(1001) },
    JSON.parse('{"__proto__": 1}') as unknown,
    Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, i])),
    Object.create(null) as unknown,
    new Date(0),
  ),
  fc.string(),
  fc.integer(),
  fc.double(),
  fc.dictionary(
    fc.string({ maxLength: 3 }),
    fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null)),
  ),
);

/** A good row with some fields replaced, removed or added. */
const mutatedRow = fc
  .tuple(
    fc.dictionary(
      fc.constantFrom(...Object.keys(good), "extra", "surveyID", "__proto__"),
      fc.oneof(anyValue, fc.constant("<delete>")),
      { maxKeys: 4 },
    ),
    fc.boolean(),
  )
  .map(([changes, fromEmpty]) => {
    const row: Record<string, unknown> = fromEmpty ? { surveyId: uuid, score: 7 } : { ...good };
    for (const [k, v] of Object.entries(changes)) {
      if (v === "<delete>") delete row[k];
      else Object.defineProperty(row, k, { value: v, enumerable: true, configurable: true, writable: true });
    }
    return row;
  });

describe("isWellFormedRow", () => {
  it("passes only rows that responseInput accepts, with the same values", () => {
    let passed = 0;
    fc.assert(
      fc.property(fc.oneof(mutatedRow, anyValue), (row) => {
        if (!isWellFormedRow(row)) return;
        passed++;
        const parsed = responseInput.safeParse(row);
        expect(parsed.success, JSON.stringify(row)).toBe(true);
        expect(parsed.data).toEqual({ ...row, source: row.source ?? "api" });
      }),
      { numRuns: 5000 },
    );
    expect(passed).toBeGreaterThan(100); // the generator does reach well-formed rows
  });

  it("passes the ordinary rows of an import, so the fast path is the common one", () => {
    expect(isWellFormedRow(good)).toBe(true);
    expect(isWellFormedRow({ surveyId: uuid, score: 0 })).toBe(true);
    expect(isWellFormedRow({ ...good, metadata: {}, comment: null, locale: null, contactId: null })).toBe(
      true,
    );
  });

  it("leaves bad rows to the schema", () => {
    for (const bad of [
      { ...good, score: 1.5 },
      { ...good, surveyId: "x" },
      { ...good, channel: null },
      { ...good, extra: 1 },
      { ...good, createdAt: "1999-12-31T23:59:59Z" }, // (a future time is refused against the clock, on import)
      { ...good, comment: "x".repeat(5001) },
      [good],
      null,
    ])
      expect(isWellFormedRow(bad)).toBe(false);
  });
});
