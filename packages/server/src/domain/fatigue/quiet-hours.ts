// Quiet hours: the part of the night when nobody is sent a survey, read on the contact's own wall clock.
// Pure: Intl's time-zone data only, so on a DST night the end moves with the clock, not by a fixed offset.

const MINUTE = 60_000;
const DAY = 86_400_000;
const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

function minuteOfDay(time: string): number {
  const m = TIME.exec(time);
  if (!m) throw new RangeError(`not a time HH:MM: ${time}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

// Making a formatter costs far more than using one, and a batch meets the same few zones again and again.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(zone, f);
  }
  return f;
}

export function isTimeZone(zone: string): boolean {
  try {
    formatterFor(zone);
    return true;
  } catch {
    return false;
  }
}

/** The contact's own zone when it is one Intl knows, else the workspace's. */
export function zoneOrDefault(zone: string | null | undefined, fallback: string): string {
  return zone && isTimeZone(zone) ? zone : fallback;
}

/** The wall clock in `zone` at instant `t`, written as if it were a UTC time (ms, whole seconds). */
function wallClock(t: number, zone: string): number {
  const parts = formatterFor(zone).formatToParts(t);
  const n = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  return Date.UTC(n("year"), n("month") - 1, n("day"), n("hour"), n("minute"), n("second"));
}

const offsetAt = (t: number, zone: string) => wallClock(t, zone) - Math.floor(t / 1000) * 1000;

/**
 * The first instant after `after` at which the clock in `zone` reads `wall`. When the clock skips that
 * time (spring forward), the instant it jumps past it: quiet hours ending at 02:30 on a night that goes
 * 02:00 → 03:00 end at 03:00.
 */
function instantOf(wall: number, zone: string, after: number): number {
  // The offsets in force a day either side: any DST change near `wall` lies between them.
  const candidates = [...new Set([offsetAt(wall - DAY, zone), offsetAt(wall + DAY, zone)])]
    .map((offset) => wall - offset)
    .sort((a, b) => a - b);
  const exact = candidates.find((t) => t > after && wallClock(t, zone) === wall);
  if (exact !== undefined) return exact;
  let lo = candidates[0] as number;
  let hi = candidates[candidates.length - 1] as number;
  if (lo === hi) return hi;
  // In the gap: the clock reads before `wall` at lo and after it at hi; find the jump to the minute.
  while (hi - lo > MINUTE) {
    const mid = lo + Math.floor((hi - lo) / 2 / MINUTE) * MINUTE;
    if (wallClock(mid, zone) >= wall) hi = mid;
    else lo = mid;
  }
  return hi;
}

/**
 * When quiet hours end, if `now` falls inside them in `zone`; undefined when it does not. The window
 * [quietStart, quietEnd) may wrap midnight (21:00–08:00) or not (12:00–13:00); equal start and end means
 * no quiet hours at all.
 */
export function quietHoursEnd(
  now: Date,
  zone: string,
  quietStart: string,
  quietEnd: string,
): Date | undefined {
  const start = minuteOfDay(quietStart);
  const end = minuteOfDay(quietEnd);
  if (start === end) return undefined;
  const t = now.getTime();
  const wall = wallClock(t, zone);
  const intoDay = ((wall % DAY) + DAY) % DAY;
  const minute = Math.floor(intoDay / MINUTE);
  const quiet = start < end ? minute >= start && minute < end : minute >= start || minute < end;
  if (!quiet) return undefined;
  // Before the end on today's clock, quiet hours end today; otherwise (late evening) tomorrow.
  const endDay = wall - intoDay + (minute < end ? 0 : DAY);
  return new Date(instantOf(endDay + end * MINUTE, zone, t));
}
