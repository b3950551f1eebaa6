// Whether an event meets a trigger's conditions. Pure: no I/O.
import type { Attributes } from "../../db/schema.ts";
import type { Condition, Conditions } from "./trigger-schema.ts";

export interface MatchedEvent {
  touchpointId: string | null;
  metadata: Attributes;
}

type Value = string | number | boolean | null | undefined;

/**
 * Every condition must hold. Comparison is by type as well as value ("5000" is not 5000), because the
 * caller's system sends the same shape each time and a silent coercion would hide a mistake in the rule.
 * A key the event lacks fails every condition on it.
 */
export function matchesConditions(conditions: Conditions, event: MatchedEvent): boolean {
  return Object.entries(conditions).every(([key, condition]) => holds(condition, valueAt(key, event)));
}

/** One condition as judged against one event: what it asked, what the event had, whether it held. */
export interface ConditionResult {
  key: string;
  condition: Condition;
  /** The event's value at the key; undefined when it has none (null metadata counts as none). */
  value: Value;
  holds: boolean;
}

/** Each condition judged on its own, by the same rule as matchesConditions, to say which one failed. */
export function conditionResults(conditions: Conditions, event: MatchedEvent): ConditionResult[] {
  return Object.entries(conditions).map(([key, condition]) => {
    const value = valueAt(key, event);
    return { key, condition, value, holds: holds(condition, value) };
  });
}

function valueAt(key: string, event: MatchedEvent): Value {
  if (key === "touchpoint") return event.touchpointId;
  const name = key.slice("metadata.".length);
  return Object.hasOwn(event.metadata, name) ? event.metadata[name] : undefined;
}

function holds(condition: Condition, value: Value): boolean {
  if (value === undefined || value === null) return false;
  if (typeof condition !== "object") return condition === value;
  if ("in" in condition) return condition.in.includes(value);
  if (typeof value !== "number") return false;
  return (
    (condition.gte === undefined || value >= condition.gte) &&
    (condition.lte === undefined || value <= condition.lte)
  );
}
