// The campaign editor's form as the admin fills it in, and the API body it becomes. Times are typed on
// the workspace's clock (its time zone, not the browser's) and sent as instants.
import type { operations } from "../../api/schema.gen.ts";
import type { Campaign } from "../../api/types.ts";

export type CampaignBody = operations["createCampaign"]["requestBody"]["content"]["application/json"];
export type Audience = CampaignBody["audience"];
export type AudienceKind = Audience["kind"];
export type ScheduleKind = "now" | "at" | "recurring";

export interface FilterRow {
  key: string;
  value: string;
}

export interface CampaignDraft {
  name: string;
  surveyId: string;
  /** "" for none. */
  touchpointId: string;
  audienceKind: AudienceKind;
  filters: FilterRow[];
  /** "" for any language. */
  locale: "" | "ja" | "en";
  contactIds: string[];
  scheduleKind: ScheduleKind;
  /** The workspace's local time, "YYYY-MM-DDTHH:mm" (an <input type="datetime-local">). */
  at: string;
  everyDays: string;
  /** Optional first round, local like `at`. */
  startAt: string;
  reminderCount: 0 | 1 | 2;
  afterDays: string;
}

export const newDraft = (): CampaignDraft => ({
  name: "",
  surveyId: "",
  touchpointId: "",
  audienceKind: "all",
  filters: [{ key: "", value: "" }],
  locale: "",
  contactIds: [],
  scheduleKind: "now",
  at: "",
  everyDays: "90",
  startAt: "",
  reminderCount: 0,
  afterDays: "3",
});

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
  const local = Date.UTC(n("year"), n("month") - 1, n("day"), n("hour"), n("minute"), n("second"));
  return local - (t - (t % 1000));
}

/** "2026-12-08T09:00" on `timeZone`'s clock as an ISO instant; undefined when not a time. */
export function localToIso(local: string, timeZone: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(local)) return undefined;
  const guess = Date.parse(`${local}:00Z`);
  if (Number.isNaN(guess)) return undefined;
  // Twice: the offset at the first guess may differ from the one at the local time (DST).
  const first = guess - offsetAt(guess, timeZone);
  return new Date(guess - offsetAt(first, timeZone)).toISOString();
}

/** An instant as "YYYY-MM-DDTHH:mm" on `timeZone`'s clock. */
export function isoToLocal(iso: string, timeZone: string): string {
  const t = Date.parse(iso);
  return new Date(t + offsetAt(t, timeZone)).toISOString().slice(0, 16);
}

/** The audience as the API takes it (a filter's empty rows left out). */
export function toAudience(d: CampaignDraft): Audience {
  switch (d.audienceKind) {
    case "all":
      return { kind: "all" };
    case "filter": {
      const attributes = Object.fromEntries(
        d.filters.filter((f) => f.key.trim()).map((f) => [f.key.trim(), f.value]),
      );
      return { kind: "filter", attributes, ...(d.locale ? { locale: d.locale } : {}) };
    }
    case "ids":
      return { kind: "ids", contactIds: d.contactIds };
    case "csv":
      return { kind: "csv" };
  }
}

const int = (s: string) => (/^\d+$/.test(s.trim()) ? Number(s.trim()) : Number.NaN);

export function toBody(d: CampaignDraft, timeZone: string): CampaignBody {
  const at = localToIso(d.at, timeZone);
  const startAt = localToIso(d.startAt, timeZone);
  const schedule: CampaignBody["schedule"] =
    d.scheduleKind === "at"
      ? { kind: "at", at: at ?? d.at }
      : d.scheduleKind === "recurring"
        ? { kind: "recurring", everyDays: int(d.everyDays), ...(startAt ? { startAt } : {}) }
        : { kind: "now" };
  return {
    name: d.name,
    surveyId: d.surveyId,
    touchpointId: d.touchpointId || null,
    audience: toAudience(d),
    schedule,
    // Without reminders the days are kept but unused: a blank field is not an error then.
    reminders: {
      count: d.reminderCount,
      afterDays: d.reminderCount ? int(d.afterDays) : int(d.afterDays) || 3,
    },
  };
}

export function fromCampaign(c: Campaign, timeZone: string): CampaignDraft {
  const a = c.audience;
  const s = c.schedule;
  const filters =
    a.kind === "filter"
      ? Object.entries(a.attributes).map(([key, value]) => ({ key, value: String(value) }))
      : [];
  return {
    ...newDraft(),
    name: c.name,
    surveyId: c.surveyId,
    touchpointId: c.touchpointId ?? "",
    audienceKind: a.kind,
    filters: filters.length ? filters : [{ key: "", value: "" }],
    locale: a.kind === "filter" ? (a.locale ?? "") : "",
    contactIds: a.kind === "ids" ? a.contactIds : [],
    scheduleKind: s.kind,
    at: s.kind === "at" ? isoToLocal(s.at, timeZone) : "",
    everyDays: s.kind === "recurring" ? String(s.everyDays) : "90",
    startAt: s.kind === "recurring" && s.startAt ? isoToLocal(s.startAt, timeZone) : "",
    reminderCount: c.reminders.count === 1 || c.reminders.count === 2 ? c.reminders.count : 0,
    afterDays: String(c.reminders.afterDays),
  };
}
