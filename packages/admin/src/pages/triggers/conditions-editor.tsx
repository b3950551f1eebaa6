// The conditions of a trigger: one row per condition (what to compare, how, with what), or the raw JSON
// for what rows cannot show. Every control is labelled, so it reads and works by keyboard alone.
import { useState } from "react";
import { useT } from "../../i18n/i18n.tsx";
import { Field } from "../../ui/field.tsx";
import type { Touchpoint } from "../../workspace-data.ts";
import {
  conditionsOf,
  newRow,
  rowsOf,
  type ConditionRow,
  type Op,
  type RowProblem,
  type ValueType,
} from "./condition-rows.ts";
import { triggerMessages } from "./messages.ts";
import type { Conditions } from "./trigger-types.ts";

export interface ConditionsState {
  mode: "rows" | "json";
  rows: ConditionRow[];
  json: string;
}

export const conditionsState = (conditions: Conditions): ConditionsState => {
  const rows = rowsOf(conditions);
  return rows
    ? { mode: "rows", rows, json: "" }
    : { mode: "json", rows: [], json: JSON.stringify(conditions, null, 2) };
};

/** The conditions the editor holds, or why they are not ready (row problems, or JSON that is not an object). */
export function readConditions(s: ConditionsState): {
  conditions?: Conditions;
  problems: Record<number, RowProblem>;
  jsonInvalid: boolean;
} {
  if (s.mode === "rows") {
    const { conditions, problems } = conditionsOf(s.rows);
    return {
      conditions: Object.keys(problems).length ? undefined : conditions,
      problems,
      jsonInvalid: false,
    };
  }
  try {
    const parsed: unknown = JSON.parse(s.json.trim() || "{}");
    if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed))
      return { conditions: parsed as Conditions, problems: {}, jsonInvalid: false };
  } catch {
    /* said below */
  }
  return { problems: {}, jsonInvalid: true };
}

export function ConditionsEditor({
  state,
  onChange,
  touchpoints,
  showProblems,
  serverError,
  disabled,
}: {
  state: ConditionsState;
  onChange: (s: ConditionsState) => void;
  touchpoints: Touchpoint[];
  /** After a save was tried: incomplete rows say what they lack. */
  showProblems: boolean;
  serverError?: string | undefined;
  disabled: boolean;
}) {
  const t = useT(triggerMessages);
  const [jsonOnly, setJsonOnly] = useState(false);
  const read = readConditions(state);
  const setRow = (id: number, change: Partial<ConditionRow>) =>
    onChange({ ...state, rows: state.rows.map((r) => (r.id === id ? { ...r, ...change } : r)) });
  const toJson = () =>
    onChange({
      mode: "json",
      rows: state.rows,
      json: JSON.stringify(conditionsOf(state.rows).conditions, null, 2),
    });
  const toRows = () => {
    const parsed = read.conditions && rowsOf(read.conditions);
    if (!parsed) return setJsonOnly(true);
    setJsonOnly(false);
    onChange({ mode: "rows", rows: parsed, json: state.json });
  };
  return (
    <section className="cond-section" aria-labelledby="cond-title">
      <div className="cond-head">
        <h3 id="cond-title">{t("cond.title")}</h3>
        <button
          type="button"
          className="button button-quiet button-small"
          onClick={state.mode === "rows" ? toJson : toRows}
          disabled={disabled}
        >
          {state.mode === "rows" ? t("cond.json") : t("cond.rows")}
        </button>
      </div>
      <p className="muted">{t("cond.lead")}</p>
      {state.mode === "json" ? (
        <div className="cond-json">
          <Field
            label={t("cond.jsonLabel")}
            hint={t("cond.jsonHint")}
            error={read.jsonInvalid ? t("cond.jsonInvalid") : jsonOnly ? t("cond.jsonOnly") : serverError}
          >
            {(p) => (
              <textarea
                {...p}
                rows={8}
                spellCheck={false}
                value={state.json}
                disabled={disabled}
                onChange={(e) => onChange({ ...state, json: e.target.value })}
              />
            )}
          </Field>
        </div>
      ) : (
        <>
          {state.rows.map((row, i) => (
            <RowEditor
              key={row.id}
              n={i + 1}
              row={row}
              touchpoints={touchpoints}
              problem={showProblems ? read.problems[row.id] : undefined}
              disabled={disabled}
              onChange={(change) => setRow(row.id, change)}
              onRemove={() => onChange({ ...state, rows: state.rows.filter((r) => r.id !== row.id) })}
            />
          ))}
          {serverError && (
            <p className="form-error" role="alert">
              {serverError}
            </p>
          )}
          <button
            type="button"
            className="button button-small"
            onClick={() => onChange({ ...state, rows: [...state.rows, newRow()] })}
            disabled={disabled}
          >
            + {t("cond.add")}
          </button>
        </>
      )}
    </section>
  );
}

function RowEditor({
  n,
  row,
  touchpoints,
  problem,
  disabled,
  onChange,
  onRemove,
}: {
  n: number;
  row: ConditionRow;
  touchpoints: Touchpoint[];
  problem: RowProblem | undefined;
  disabled: boolean;
  onChange: (change: Partial<ConditionRow>) => void;
  onRemove: () => void;
}) {
  const t = useT(triggerMessages);
  const error = problem && t(`problem.${problem}`);
  const keyError = problem === "key.required" || problem === "key.duplicate" ? error : undefined;
  const valueError = keyError ? undefined : error;
  const touchpoint = row.target === "touchpoint";
  return (
    <div className="cond-row" role="group" aria-label={t("cond.row", { n })}>
      <Field label={t("cond.target")}>
        {(p) => (
          <select
            {...p}
            value={row.target}
            disabled={disabled}
            onChange={(e) => {
              const target = e.target.value as ConditionRow["target"];
              onChange(target === "touchpoint" ? { target, op: "eq", type: "text", value: "" } : { target });
            }}
          >
            <option value="metadata">{t("cond.metadata")}</option>
            <option value="touchpoint">{t("cond.touchpoint")}</option>
          </select>
        )}
      </Field>
      {touchpoint ? (
        <Field label={t("cond.value")} error={valueError} className="cond-wide">
          {(p) => (
            <select
              {...p}
              value={row.value}
              disabled={disabled}
              onChange={(e) => onChange({ value: e.target.value })}
            >
              <option value="">—</option>
              {touchpoints.map((tp) => (
                <option key={tp.id} value={tp.id}>
                  {tp.archived ? t("form.archived", { name: tp.name }) : tp.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      ) : (
        <>
          <Field label={t("cond.key")} error={keyError}>
            {(p) => (
              <input
                {...p}
                value={row.key}
                placeholder={t("cond.keyHint")}
                maxLength={64}
                disabled={disabled}
                onChange={(e) => onChange({ key: e.target.value })}
              />
            )}
          </Field>
          <Field label={t("cond.op")}>
            {(p) => (
              <select
                {...p}
                value={row.op}
                disabled={disabled}
                onChange={(e) => {
                  const op = e.target.value as Op;
                  onChange(
                    op === "range"
                      ? { op, type: "number" }
                      : row.type === "boolean" && op === "in"
                        ? { op, type: "text" }
                        : { op },
                  );
                }}
              >
                <option value="eq">{t("op.eq")}</option>
                <option value="in">{t("op.in")}</option>
                <option value="range">{t("op.range")}</option>
              </select>
            )}
          </Field>
          <Field label={t("cond.type")}>
            {(p) => (
              <select
                {...p}
                value={row.type}
                disabled={disabled || row.op === "range"}
                onChange={(e) => {
                  const type = e.target.value as ValueType;
                  onChange(type === "boolean" ? { type, value: "true" } : { type });
                }}
              >
                <option value="text">{t("type.text")}</option>
                <option value="number">{t("type.number")}</option>
                {row.op === "eq" && <option value="boolean">{t("type.boolean")}</option>}
              </select>
            )}
          </Field>
          {row.op === "range" ? (
            <div className="cond-range cond-value">
              <Field label={t("cond.min")} error={valueError}>
                {(p) => (
                  <input
                    {...p}
                    inputMode="decimal"
                    value={row.min}
                    disabled={disabled}
                    onChange={(e) => onChange({ min: e.target.value })}
                  />
                )}
              </Field>
              <Field label={t("cond.max")}>
                {(p) => (
                  <input
                    {...p}
                    inputMode="decimal"
                    value={row.max}
                    disabled={disabled}
                    onChange={(e) => onChange({ max: e.target.value })}
                  />
                )}
              </Field>
            </div>
          ) : row.type === "boolean" ? (
            <Field label={t("cond.value")} className="cond-value">
              {(p) => (
                <select
                  {...p}
                  value={row.value}
                  disabled={disabled}
                  onChange={(e) => onChange({ value: e.target.value })}
                >
                  <option value="true">{t("cond.true")}</option>
                  <option value="false">{t("cond.false")}</option>
                </select>
              )}
            </Field>
          ) : (
            <Field
              label={row.op === "in" ? t("cond.values") : t("cond.value")}
              error={valueError}
              className="cond-value"
            >
              {(p) => (
                <input
                  {...p}
                  value={row.value}
                  inputMode={row.type === "number" ? "decimal" : undefined}
                  disabled={disabled}
                  onChange={(e) => onChange({ value: e.target.value })}
                />
              )}
            </Field>
          )}
        </>
      )}
      <button
        type="button"
        className="button button-quiet button-small cond-remove"
        aria-label={t("cond.remove", { n })}
        title={t("cond.remove", { n })}
        onClick={onRemove}
        disabled={disabled}
      >
        ✕
      </button>
    </div>
  );
}
