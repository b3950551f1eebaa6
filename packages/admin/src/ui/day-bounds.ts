// The filter bar's days (from…to, inclusive, in the workspace's time zone, as the reports read them) as
// the exact instants that endpoints taking times need, e.g. the responses feed: a date alone there
// would mean midnight UTC and drop the last day.
const DAY = 86_400_000;

/** How far `timeZone`'s clock is ahead of UTC at the instant `t`, in ms. */
function offsetAt(t: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(new Date(t));
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return (
    Date.UTC(n("year"), n("month") - 1, n("day"), n("hour"), n("minute"), n("second")) - (t - (t % 1000))
  );
}

/** The instant a local day ("2026-11-24") begins in `timeZone`. */
function startOfDay(day: string, timeZone: string): number {
  const guess = Date.parse(`${day}T00:00:00Z`);
  // Twice: the offset at the first guess may differ from the offset at local midnight (DST).
  const first = guess - offsetAt(guess, timeZone);
  return guess - offsetAt(first, timeZone);
}

const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + DAY).toISOString().slice(0, 10);

/** from…to (local days, both included) as ISO instants: the first and the last millisecond. */
export function dayBounds(from: string, to: string, timeZone: string): { from: string; to: string } {
  return {
    from: new Date(startOfDay(from, timeZone)).toISOString(),
    // The day after `to` begins one millisecond later (a DST day is 23 or 25 hours long).
    to: new Date(startOfDay(nextDay(to), timeZone) - 1).toISOString(),
  };
}
