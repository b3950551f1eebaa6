// A contact's (or company's) attributes as rows of key, type and value: a string stays a string, a number
// a number and yes/no a boolean, so a report filter on `plan=pro` or `seats=12` keeps matching after an edit.
import { useId } from "react";
import type { Contact } from "../../api/types.ts";
import { useT } from "../../i18n/i18n.tsx";
import { contactFormMessages } from "./messages.ts";

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

export function AttributesEditor({
  rows,
  onChange,
  problem,
}: {
  rows: AttributeRow[];
  onChange: (rows: AttributeRow[]) => void;
  /** The row to mark, with what is wrong with it. */
  problem?: { index: number; message: string } | undefined;
}) {
  const t = useT(contactFormMessages);
  const id = useId();
  const set = (i: number, change: Partial<AttributeRow>) =>
    onChange(rows.map((r, j) => (j === i ? { ...r, ...change } : r)));
  return (
    <fieldset className="attr-editor">
      <legend>{t("attributes")}</legend>
      <p className="field-hint">{t("attributesHint")}</p>
      {rows.length > 0 && (
        <div className="attr-editor-rows" role="list">
          {rows.map((r, i) => {
            const rowId = `${id}-${i}`;
            const bad = problem?.index === i;
            return (
              <div key={i} className={`attr-editor-row${bad ? " is-invalid" : ""}`} role="listitem">
                <input
                  aria-label={t("attrKey", { n: i + 1 })}
                  placeholder={t("attrKeyPlaceholder")}
                  value={r.key}
                  maxLength={64}
                  aria-invalid={bad || undefined}
                  aria-describedby={bad ? `${rowId}-error` : undefined}
                  onChange={(e) => set(i, { key: e.target.value })}
                />
                <select
                  aria-label={t("attrType", { n: i + 1 })}
                  value={r.type}
                  onChange={(e) => {
                    const type = e.target.value as AttributeType;
                    set(i, { type, value: type === "boolean" ? "true" : type === r.type ? r.value : "" });
                  }}
                >
                  <option value="string">{t("type.string")}</option>
                  <option value="number">{t("type.number")}</option>
                  <option value="boolean">{t("type.boolean")}</option>
                </select>
                {r.type === "boolean" ? (
                  <select
                    aria-label={t("attrValue", { n: i + 1 })}
                    value={r.value}
                    onChange={(e) => set(i, { value: e.target.value })}
                  >
                    <option value="true">{t("bool.true")}</option>
                    <option value="false">{t("bool.false")}</option>
                  </select>
                ) : (
                  <input
                    aria-label={t("attrValue", { n: i + 1 })}
                    inputMode={r.type === "number" ? "decimal" : undefined}
                    value={r.value}
                    maxLength={1000}
                    onChange={(e) => set(i, { value: e.target.value })}
                  />
                )}
                <button
                  type="button"
                  className="button button-small button-quiet"
                  aria-label={t("attrRemove", { key: r.key || String(i + 1) })}
                  onClick={() => onChange(rows.filter((_, j) => j !== i))}
                >
                  ×
                </button>
                {bad && (
                  <span className="field-error attr-editor-error" id={`${rowId}-error`}>
                    {problem.message}
                  </span>
                )}
              </div>
            );
          })}
        </div>
      )}
      {rows.length < MAX_ATTRIBUTES && (
        <button
          type="button"
          className="button button-small"
          onClick={() => onChange([...rows, { key: "", type: "string", value: "" }])}
        >
          {t("attrAdd")}
        </button>
      )}
    </fieldset>
  );
}
