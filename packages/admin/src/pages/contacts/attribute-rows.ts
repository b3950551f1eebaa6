// Attributes as the editor's rows (key, type, value as typed) and back: a string stays a string, a number a
// number and yes/no a boolean, so a report filter on `plan=pro` or `seats=12` keeps matching after an edit.
import type { Contact } from "../../api/types.ts";

export type AttributeType = "string" | "number" | "boolean";
export interface AttributeRow {
  key: string;
  type: AttributeType;
  value: string;
}
type Attributes = Contact["attributes"];

export const MAX_ATTRIBUTES = 50;

export function rowsOf(attributes: Attributes): AttributeRow[] {
  return Object.entries(attributes).map(([key, v]) =>
    typeof v === "number"
      ? { key, type: "number", value: String(v) }
      : typeof v === "boolean"
        ? { key, type: "boolean", value: String(v) }
        : { key, type: "string", value: v ?? "" },
  );
}

/** The rows as the API takes them, or the first row's problem (its index and a message key). */
export function attributesOf(
  rows: AttributeRow[],
): { ok: true; value: Attributes } | { ok: false; index: number; problem: "key" | "duplicate" | "number" } {
  const out: Attributes = {};
  for (const [index, r] of rows.entries()) {
    const key = r.key.trim();
    if (!key && !r.value.trim()) continue; // an empty row added by mistake
    if (!key || key.length > 64) return { ok: false, index, problem: "key" };
    if (key in out) return { ok: false, index, problem: "duplicate" };
    if (r.type === "number") {
      const n = Number(r.value.trim().replace(/,/g, ""));
      if (!r.value.trim() || !Number.isFinite(n)) return { ok: false, index, problem: "number" };
      out[key] = n;
    } else if (r.type === "boolean") out[key] = r.value === "true";
    else out[key] = r.value;
  }
  return { ok: true, value: out };
}
