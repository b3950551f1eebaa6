// A trigger's delay, kept in seconds by the API, as a number of minutes, hours or days for people.
export const delayUnits = ["minutes", "hours", "days"] as const;
export type DelayUnit = (typeof delayUnits)[number];

export const unitSeconds: Record<DelayUnit, number> = { minutes: 60, hours: 3600, days: 86_400 };
export const MAX_DELAY_SECONDS = 30 * 86_400;

/** The largest unit that says the delay exactly (a delay of seconds rounds up to minutes). */
export function delayParts(seconds: number): { n: number; unit: DelayUnit } {
  if (seconds > 0 && seconds % 86_400 === 0) return { n: seconds / 86_400, unit: "days" };
  if (seconds > 0 && seconds % 3600 === 0) return { n: seconds / 3600, unit: "hours" };
  return { n: Math.ceil(seconds / 60), unit: "minutes" };
}
