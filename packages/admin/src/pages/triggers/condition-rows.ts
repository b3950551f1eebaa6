// The conditions of a trigger as rows a person edits (key, comparison, value) and back. A condition the
// rows cannot show (a touchpoint list, a mixed list) sends the editor to its raw JSON instead.
import type { Condition, Conditions } from "./trigger-types.ts";

export type Op = "eq" | "in" | "range";
export type ValueType = "text" | "number" | "boolean";

export interface ConditionRow {
  id: number;
  /** `touchpoint`: the event's touchpoint; else a key of the event's metadata. */
  target: "metadata" | "touchpoint";
  key: string;
  op: Op;
  type: ValueType;
  /** eq: the value (boolean: "true" / "false"); in: the values, comma-separated. */
  value: string;
  min: string;
  max: string;
}

export type RowProblem =
  | "key.required"
  | "key.duplicate"
  | "value.required"
  | "value.number"
  | "range.required"
  | "touchpoint.required";

let nextId = 1;
export const newRow = (over: Partial<ConditionRow> = {}): ConditionRow => ({
  id: nextId++,
  target: "metadata",
  key: "",
  op: "eq",
  type: "text",
  value: "",
  min: "",
  max: "",
  ...over,
});

const typeOf = (v: string | number | boolean): ValueType =>
  typeof v === "number" ? "number" : typeof v === "boolean" ? "boolean" : "text";

/** Rows for the conditions, or null when one of them has no row form (then the JSON editor shows them). */
export function rowsOf(conditions: Conditions): ConditionRow[] | null {
  const rows: ConditionRow[] = [];
  for (const [fullKey, c] of Object.entries(conditions)) {
    const touchpoint = fullKey === "touchpoint";
    if (!touchpoint && !fullKey.startsWith("metadata.")) return null;
    const base = touchpoint
      ? { target: "touchpoint" as const, key: "" }
      : { target: "metadata" as const, key: fullKey.slice("metadata.".length) };
    if (typeof c !== "object") {
      if (touchpoint && typeof c !== "string") return null;
      rows.push(newRow({ ...base, op: "eq", type: typeOf(c), value: String(c) }));
    } else if ("in" in c) {
      const types = new Set(c.in.map(typeOf));
      const type = [...types][0];
      // One type per list, and no commas inside a value (the row splits on them).
      if (touchpoint || types.size !== 1 || type === "boolean" || c.in.some((v) => String(v).includes(",")))
        return null;
      rows.push(newRow({ ...base, op: "in", type: type ?? "text", value: c.in.join(", ") }));
    } else {
      if (touchpoint) return null;
      rows.push(
        newRow({ ...base, op: "range", type: "number", min: String(c.gte ?? ""), max: String(c.lte ?? "") }),
      );
    }
  }
  return rows;
}

const number = (s: string): number | undefined => {
  const t = s.trim();
  if (t === "") return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : NaN;
};

/** The values of an `in` row: split on commas (also the Japanese 、), blanks dropped. */
const listOf = (s: string) =>
  s
    .split(/[,、]/)
    .map((v) => v.trim())
    .filter(Boolean);

/** The conditions the rows say, or each row's problem (by row id) when one is not complete. */
export function conditionsOf(rows: ConditionRow[]): {
  conditions: Conditions;
  problems: Record<number, RowProblem>;
} {
  const conditions: Conditions = {};
  const problems: Record<number, RowProblem> = {};
  for (const row of rows) {
    const key = row.target === "touchpoint" ? "touchpoint" : `metadata.${row.key.trim()}`;
    if (row.target === "metadata" && !row.key.trim()) {
      problems[row.id] = "key.required";
      continue;
    }
    if (key in conditions) {
      problems[row.id] = "key.duplicate";
      continue;
    }
    let condition: Condition | undefined;
    if (row.target === "touchpoint") {
      if (!row.value) problems[row.id] = "touchpoint.required";
      else condition = row.value;
    } else if (row.op === "range") {
      const min = number(row.min);
      const max = number(row.max);
      if (min === undefined && max === undefined) problems[row.id] = "range.required";
      else if (Number.isNaN(min) || Number.isNaN(max)) problems[row.id] = "value.number";
      else condition = { ...(min !== undefined && { gte: min }), ...(max !== undefined && { lte: max }) };
    } else if (row.op === "in") {
      const values = listOf(row.value);
      if (values.length === 0) problems[row.id] = "value.required";
      else if (row.type === "number") {
        const numbers = values.map(Number);
        if (numbers.some((n) => !Number.isFinite(n))) problems[row.id] = "value.number";
        else condition = { in: numbers };
      } else condition = { in: values };
    } else if (row.type === "boolean") condition = row.value === "true";
    else if (row.type === "number") {
      const n = number(row.value);
      if (n === undefined) problems[row.id] = "value.required";
      else if (Number.isNaN(n)) problems[row.id] = "value.number";
      else condition = n;
    } else if (row.value === "") problems[row.id] = "value.required";
    else condition = row.value;
    if (condition !== undefined) conditions[key] = condition;
  }
  return { conditions, problems };
}

/** A value of the event's metadata that meets a condition: a sample event's starting point. */
export function sampleValue(c: Condition): string | number | boolean {
  if (typeof c !== "object") return c;
  if ("in" in c) return c.in[0] ?? "";
  return c.gte ?? c.lte ?? 0;
}

/** Sample metadata meeting every metadata condition. */
export function sampleMetadata(conditions: Conditions): Record<string, string | number | boolean> {
  return Object.fromEntries(
    Object.entries(conditions)
      .filter(([k]) => k.startsWith("metadata."))
      .map(([k, c]) => [k.slice("metadata.".length), sampleValue(c)]),
  );
}
