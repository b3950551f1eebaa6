// The fatigue rule: the ONE place deciding whether contacts may be surveyed now, on every channel (email,
// later the website widget). Asking too often is what makes people stop answering, or unsubscribe, so
// every channel asks here first. See docs/FATIGUE.md.
import type { Db } from "../../db/open.ts";
import { getWorkspace } from "../workspaces/workspace-settings.ts";
import { getContactsWithOpenCases, getLastSurveyedSince, getSuppressedEmails } from "./fatigue-facts.ts";
import { quietHoursEnd, zoneOrDefault } from "./quiet-hours.ts";

const DAY = 86_400_000;

/**
 * Why a contact is not surveyed now, in the order the rules are applied (the first that holds wins):
 * - `suppressed`: their address is on the suppression list (unsubscribed, bounced, complained, manual).
 *   Always wins: sending to it breaks the law or the sender's reputation.
 * - `open_case`: a follow-up case of theirs is open; asking again before it is settled insults them.
 * - `within_24h`: they were surveyed in the last 24 hours. A floor no survey setting can lower.
 * - `recently_surveyed`: they were surveyed in the last N days (the survey's `fatigueDays`, else the
 *   workspace's `fatigue.days`, default 90).
 * - `quiet_hours`: it is night on their clock; the send is postponed to the end of quiet hours, never dropped.
 */
export type FatigueRule = "suppressed" | "open_case" | "within_24h" | "recently_surveyed" | "quiet_hours";

export type FatigueDecision =
  | { action: "send" }
  | { action: "skip"; rule: Exclude<FatigueRule, "quiet_hours"> }
  | { action: "postpone"; until: Date; rule: "quiet_hours" };

export interface FatigueCandidate {
  contactId: string;
  email: string | null;
  /** Their IANA time zone; unknown or absent means the workspace's. */
  timeZone: string | null;
}

export interface FatigueOptions {
  now: Date;
  /** The survey's own N days (0–3650), overriding the workspace's. */
  surveyFatigueDays?: number | undefined;
  /** A reminder belongs to a send already made: only suppression, open cases and quiet hours apply. */
  reminder?: boolean;
}

const send: FatigueDecision = { action: "send" };
const skip = (rule: Exclude<FatigueRule, "quiet_hours">): FatigueDecision => ({ action: "skip", rule });
const normalEmail = (email: string | null) => email?.trim().toLowerCase() || undefined;

/**
 * The decision for each candidate, keyed by contact id. Set-based: a constant number of queries per call
 * (the workspace, then one per fact), so a campaign can ask about 10,000 contacts at once.
 */
export async function decideFatigue(
  db: Db,
  workspaceId: string,
  candidates: FatigueCandidate[],
  opts: FatigueOptions,
): Promise<Map<string, FatigueDecision>> {
  const days = opts.surveyFatigueDays;
  if (days !== undefined && !(Number.isInteger(days) && days >= 0 && days <= 3650)) {
    throw new RangeError(`surveyFatigueDays must be a whole number of days 0–3650, not ${days}`);
  }
  const decisions = new Map<string, FatigueDecision>();
  if (candidates.length === 0) return decisions;
  const now = opts.now.getTime();
  const ids = [...new Set(candidates.map((c) => c.contactId))];
  const emails = [...new Set(candidates.flatMap((c) => normalEmail(c.email) ?? []))];
  const workspace = await getWorkspace(db, workspaceId);
  const { fatigue } = workspace.settings;
  const windowDays = days ?? fatigue.days;
  // Only the last max(N days, 24 hours) matter, which keeps the history read to a short index range.
  const since = new Date(now - Math.max(windowDays, 1) * DAY);
  const [suppressed, openCases, lastSurveyed] = await Promise.all([
    getSuppressedEmails(db, workspaceId, emails),
    getContactsWithOpenCases(db, workspaceId, ids),
    opts.reminder ? new Map<string, Date>() : getLastSurveyedSince(db, workspaceId, ids, since),
  ]);

  // Every contact in one zone gets the same answer from the same `now`.
  const quietEndByZone = new Map<string, Date | undefined>();
  const quietEnd = (zone: string) => {
    if (!quietEndByZone.has(zone)) {
      quietEndByZone.set(zone, quietHoursEnd(opts.now, zone, fatigue.quietStart, fatigue.quietEnd));
    }
    return quietEndByZone.get(zone);
  };

  for (const c of candidates) {
    if (decisions.has(c.contactId)) continue;
    const email = normalEmail(c.email);
    const last = lastSurveyed.get(c.contactId)?.getTime();
    let decision: FatigueDecision;
    if (email !== undefined && suppressed.has(email)) decision = skip("suppressed");
    else if (openCases.has(c.contactId)) decision = skip("open_case");
    else if (last !== undefined && last > now - DAY) decision = skip("within_24h");
    else if (last !== undefined && last > now - windowDays * DAY) decision = skip("recently_surveyed");
    else {
      const until = quietEnd(zoneOrDefault(c.timeZone, workspace.timeZone));
      decision = until ? { action: "postpone", until, rule: "quiet_hours" } : send;
    }
    decisions.set(c.contactId, decision);
  }
  return decisions;
}
