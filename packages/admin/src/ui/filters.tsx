// The filter bar of the analytics pages. Every filter lives in the URL (?range=90&touchpoint=…), so a view
// can be bookmarked and shared; reportQuery() turns it into the query of the /reports endpoints.
import { channels } from "@koe/server/shared";
import { useState, type FormEvent } from "react";
import { useT } from "../i18n/i18n.tsx";
import { setSearch, useLocation } from "../router.tsx";
import { useSignedIn } from "../session.tsx";
import { useSurveys, useTouchpoints } from "../workspace-data.ts";
import { oneOf, type QueryOf } from "../api/client.ts";

/** The query of /reports/nps, csat and ces. */
export type ReportQuery = QueryOf<"/api/v1/reports/nps">;

export const RANGES = ["30", "90", "365"] as const;
const DAY = 86_400_000;
/** Today in the workspace's time zone (the reports' days are the workspace's days), as YYYY-MM-DD. */
const today = (timeZone: string) => new Intl.DateTimeFormat("en-CA", { timeZone }).format(new Date());
const daysBefore = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) - n * DAY).toISOString().slice(0, 10);

export interface Filters {
  from: string;
  to: string;
  /** Days in the period. */
  days: number;
  range: string;
  surveyId?: string;
  touchpoint?: string;
  channel?: string;
  team?: string;
  /** "key=value" */
  attribute?: string;
}

export function readFilters(
  search: URLSearchParams,
  defaultRange = "365",
  timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone,
): Filters {
  const range = search.get("range") ?? defaultRange;
  let from = search.get("from") ?? "";
  let to = search.get("to") ?? "";
  if (range !== "custom" || !from || !to) {
    const days = Number(RANGES.includes(range as (typeof RANGES)[number]) ? range : defaultRange);
    to = today(timeZone);
    from = daysBefore(to, days - 1);
  }
  const days = Math.round((Date.parse(to) - Date.parse(from)) / DAY) + 1;
  const opt = (key: string) => search.get(key) || undefined;
  const f: Filters = { from, to, days, range };
  const keys = ["surveyId", "touchpoint", "channel", "team", "attribute"] as const;
  for (const key of keys) {
    const v = opt(key);
    if (v) f[key] = v;
  }
  return f;
}

export function useFilters(defaultRange?: string): Filters {
  return readFilters(useLocation().search, defaultRange, useSignedIn().workspace.timeZone);
}

/** The /reports query for these filters (an attribute "plan=pro" becomes attribute.plan=pro). */
export function reportQuery(f: Filters, extra: ReportQuery = {}): ReportQuery {
  const q: ReportQuery = {
    from: f.from,
    to: f.to,
    surveyId: f.surveyId,
    touchpoint: f.touchpoint,
    channel: oneOf(channels, f.channel),
    team: f.team,
  };
  const eq = f.attribute?.indexOf("=") ?? -1;
  if (f.attribute && eq > 0)
    q.attributeFilters = {
      [`attribute.${f.attribute.slice(0, eq).trim()}`]: f.attribute.slice(eq + 1).trim(),
    };
  return { ...q, ...extra };
}

/** Day, week or month: whatever gives a readable number of points for the period. */
export const trendGrain = (days: number) => (days <= 45 ? "day" : days <= 200 ? "week" : "month");

export function FilterBar({
  show = ["survey", "touchpoint", "channel", "team", "attribute"],
}: {
  show?: string[];
}) {
  const t = useT();
  const { search } = useLocation();
  const f = readFilters(search, undefined, useSignedIn().workspace.timeZone);
  const surveys = useSurveys().data?.data ?? [];
  const touchpoints = useTouchpoints().data?.data ?? [];
  const teams = [...new Set(touchpoints.map((tp) => tp.team).filter((x): x is string => !!x))].sort();
  const [attribute, setAttribute] = useState(f.attribute ?? "");
  const select = (key: string, value: string) => setSearch({ [key]: value });
  const submitAttribute = (e: FormEvent) => {
    e.preventDefault();
    setSearch({ attribute: attribute.includes("=") ? attribute : "" });
  };
  return (
    <div className="filters" role="search">
      <label className="filter">
        <span>{t("filter.period")}</span>
        <select
          value={f.range}
          onChange={(e) =>
            setSearch({
              range: e.target.value,
              ...(e.target.value === "custom" ? { from: f.from, to: f.to } : { from: null, to: null }),
            })
          }
        >
          {RANGES.map((r) => (
            <option key={r} value={r}>
              {t(`filter.range.${r}`)}
            </option>
          ))}
          <option value="custom">{t("filter.range.custom")}</option>
        </select>
      </label>
      {f.range === "custom" && (
        <>
          <label className="filter">
            <span>{t("filter.from")}</span>
            <input
              type="date"
              value={f.from}
              max={f.to}
              onChange={(e) => e.target.value && select("from", e.target.value)}
            />
          </label>
          <label className="filter">
            <span>{t("filter.to")}</span>
            <input
              type="date"
              value={f.to}
              min={f.from}
              onChange={(e) => e.target.value && select("to", e.target.value)}
            />
          </label>
        </>
      )}
      {show.includes("survey") && (
        <label className="filter">
          <span>{t("filter.survey")}</span>
          <select value={f.surveyId ?? ""} onChange={(e) => select("surveyId", e.target.value)}>
            <option value="">{t("filter.all")}</option>
            {surveys.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name} ({t(`kind.${s.kind}`)})
              </option>
            ))}
          </select>
        </label>
      )}
      {show.includes("touchpoint") && (
        <label className="filter">
          <span>{t("filter.touchpoint")}</span>
          <select value={f.touchpoint ?? ""} onChange={(e) => select("touchpoint", e.target.value)}>
            <option value="">{t("filter.all")}</option>
            {touchpoints.map((tp) => (
              <option key={tp.id} value={tp.id}>
                {tp.name}
              </option>
            ))}
          </select>
        </label>
      )}
      {show.includes("channel") && (
        <label className="filter">
          <span>{t("filter.channel")}</span>
          <select value={f.channel ?? ""} onChange={(e) => select("channel", e.target.value)}>
            <option value="">{t("filter.all")}</option>
            {channels.map((c) => (
              <option key={c} value={c}>
                {t(`channel.${c}`)}
              </option>
            ))}
          </select>
        </label>
      )}
      {show.includes("team") && teams.length > 0 && (
        <label className="filter">
          <span>{t("filter.team")}</span>
          <select value={f.team ?? ""} onChange={(e) => select("team", e.target.value)}>
            <option value="">{t("filter.all")}</option>
            {teams.map((team) => (
              <option key={team} value={team}>
                {team}
              </option>
            ))}
          </select>
        </label>
      )}
      {show.includes("attribute") && (
        <form className="filter" onSubmit={submitAttribute}>
          <span>{t("filter.attribute")}</span>
          <input
            value={attribute}
            onChange={(e) => setAttribute(e.target.value)}
            onBlur={submitAttribute}
            placeholder={t("filter.attributePlaceholder")}
            size={14}
            aria-label={t("filter.attribute")}
          />
        </form>
      )}
    </div>
  );
}
