// When demo answers happen: 18 months back from now, busier on weekdays and in office hours, quieter on
// holidays, growing with the customer base, and with one incident month.
import type { Random } from "./random.ts";

export const MONTHS_BACK = 18;
/** The incident happened this many calendar months before the current one. */
export const INCIDENT_MONTHS_AGO = 6;

const DAY = 86_400_000;
// Sunday first.
const weekdayWeights = [0.15, 1.05, 1.1, 1.05, 1, 0.9, 0.25];
// Local hour of day, 0–23.
const hourWeights = [
  1, 0.5, 0.3, 0.2, 0.2, 0.4, 1, 3, 7, 11, 13, 12, 8, 10, 12, 12, 11, 10, 7, 5, 4, 3.5, 3, 2,
];

export interface DemoDay {
  /** Midnight of the calendar date, as a UTC time stamp (the date is read in the respondent's zone). */
  date: number;
  /** Relative volume before any stream-specific change. */
  weight: number;
  incident: boolean;
}

export interface Timeline {
  start: number;
  now: number;
  days: DemoDay[];
  /** "YYYY-MM" of the incident month. */
  incidentMonth: string;
}

function inHolidays(date: Date, holidays: readonly (readonly [string, string, number])[]): number {
  const md = date.toISOString().slice(5, 10);
  for (const [from, to, weight] of holidays) {
    const inside = from <= to ? md >= from && md <= to : md >= from || md <= to;
    if (inside) return weight;
  }
  return 1;
}

export function monthsBefore(now: Date, months: number): Date {
  const d = new Date(now);
  d.setUTCMonth(d.getUTCMonth() - months);
  return d;
}

export function buildTimeline(now: Date, holidays: readonly (readonly [string, string, number])[]): Timeline {
  const start = monthsBefore(now, MONTHS_BACK).getTime();
  const incidentMonth = monthsBefore(
    new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)),
    INCIDENT_MONTHS_AGO,
  )
    .toISOString()
    .slice(0, 7);
  const days: DemoDay[] = [];
  const first = Math.floor(start / DAY) * DAY;
  const span = now.getTime() - first;
  for (let date = first; date <= now.getTime(); date += DAY) {
    const d = new Date(date);
    // The customer base grows, so later months get more answers.
    const growth = 0.5 + (date - first) / span;
    days.push({
      date,
      weight: growth * (weekdayWeights[d.getUTCDay()] ?? 1) * inHolidays(d, holidays),
      incident: d.toISOString().slice(0, 7) === incidentMonth,
    });
  }
  return { start, now: now.getTime(), days, incidentMonth };
}

/** Running totals of the day weights for one stream, for drawing days by weight. */
export function cumulativeWeights(days: readonly DemoDay[], incidentVolume: number): Float64Array {
  const out = new Float64Array(days.length);
  let total = 0;
  days.forEach((d, i) => {
    total += d.weight * (d.incident ? incidentVolume : 1);
    out[i] = total;
  });
  return out;
}

export function drawDay(r: Random, days: readonly DemoDay[], cumulative: Float64Array): DemoDay {
  const x = r.next() * (cumulative[cumulative.length - 1] ?? 0);
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((cumulative[mid] ?? 0) > x) hi = mid;
    else lo = mid + 1;
  }
  return days[lo] as DemoDay;
}

const offsetFormats = new Map<string, Intl.DateTimeFormat>();

/** Minutes east of UTC in a time zone at a moment (DST-aware). */
export function offsetMinutes(timeZone: string, at: number): number {
  let format = offsetFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "longOffset" });
    offsetFormats.set(timeZone, format);
  }
  const name = format.formatToParts(at).find((p) => p.type === "timeZoneName")?.value ?? "GMT";
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  if (!m) return 0;
  return (m[1] === "-" ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}

/** ISO 8601 with the zone's own offset, e.g. 2026-05-12T14:03:22+09:00. */
export function isoWithOffset(at: number, offset: number): string {
  const local = new Date(at + offset * 60_000).toISOString().slice(0, 19);
  const sign = offset < 0 ? "-" : "+";
  const abs = Math.abs(offset);
  const hh = String(Math.floor(abs / 60)).padStart(2, "0");
  const mm = String(abs % 60).padStart(2, "0");
  return `${local}${sign}${hh}:${mm}`;
}

/** A moment on a local calendar day in office-heavy hours, kept inside the timeline. */
export function drawMoment(
  r: Random,
  t: Timeline,
  day: DemoDay,
  timeZone: string,
): { at: number; iso: string } {
  const local = day.date + r.index(hourWeights) * 3_600_000 + r.int(0, 3599) * 1000;
  let at = local - offsetMinutes(timeZone, local) * 60_000;
  // Keep the weekday when moving a moment back into range.
  while (at > t.now) at -= 7 * DAY;
  while (at < t.start) at += 7 * DAY;
  return { at, iso: isoWithOffset(at, offsetMinutes(timeZone, at)) };
}
