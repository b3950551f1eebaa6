// A contact's (or company's) attributes as rows of key, type and value: a string stays a string, a number
// a number and yes/no a boolean, so a report filter on `plan=pro` or `seats=12` keeps matching after an edit.
import { useId } from "react";
import { useT } from "../../i18n/i18n.tsx";
import { MAX_ATTRIBUTES, type AttributeRow, type AttributeType } from "./attribute-rows.ts";
import { contactFormMessages } from "./messages.ts";

export { attributesOf, rowsOf, type AttributeRow } from "./attribute-rows.ts";

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
