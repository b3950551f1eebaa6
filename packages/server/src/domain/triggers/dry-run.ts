// A trigger tried against a sample event: the same checks as receiving the event (event type, active rule,
// active survey, conditions, touchpoint and contact) and as the mail worker when the email is due (an
// address, the fatigue rule). It only reads: no event, contact, send or message is written.
import type { Db } from "../../db/open.ts";
import type { Attributes } from "../../db/schema.ts";
import { decideFatigue } from "../fatigue/fatigue.ts";
import { newId } from "../ids.ts";
import { findRow } from "../rows.ts";
import { acceptsAnswers } from "../surveys/accepts-answers.ts";
import { conditionResults, type ConditionResult } from "./conditions.ts";
import type { DryRunReasonCode, SampleEvent, TriggerDryRun } from "./dry-run-schema.ts";
import { findContactId } from "./event-contact.ts";
import type { Conditions } from "./trigger-schema.ts";

/** What a dry run needs of a trigger, saved or not. */
export interface TriedTrigger {
  eventType: string;
  conditions: Conditions;
  delaySeconds: number;
  surveyId: string;
  active: boolean;
}

type Reason = TriggerDryRun["reasons"][number];
type Contact = TriggerDryRun["contact"];

const show = (v: unknown) => JSON.stringify(v);

function conditionMessage(r: ConditionResult): string {
  if (r.value === undefined || r.value === null)
    return r.key === "touchpoint" ? "the event has no touchpoint" : `the event has no ${r.key}`;
  const c = r.condition;
  const asked =
    typeof c !== "object"
      ? show(c)
      : "in" in c
        ? `one of ${c.in.map(show).join(", ")}`
        : [c.gte !== undefined && `≥ ${c.gte}`, c.lte !== undefined && `≤ ${c.lte}`]
            .filter(Boolean)
            .join(" and ");
  const typeNote =
    typeof c === "object" && !("in" in c) && typeof r.value !== "number" ? " (not a number)" : "";
  return `${r.key} is ${show(r.value)}${typeNote}, not ${asked}`;
}

async function findEventContact(db: Db, workspaceId: string, event: SampleEvent): Promise<Contact> {
  const ref = event.contact;
  const byId = async (id: string, match: Contact["match"]): Promise<Contact> => {
    const row = await findRow(db, "contacts", workspaceId, id);
    return row
      ? { match, id: row.id, email: row.email, name: row.name }
      : { match: "unknown", id: null, email: null, name: null };
  };
  if (ref.id !== undefined) return byId(ref.id, "id");
  const found = await findContactId(db, workspaceId, ref);
  if (found) {
    // Which key found it: the externalId is tried first, as receiving the event does.
    const row = await findRow(db, "contacts", workspaceId, found);
    const match =
      ref.externalId !== undefined && row?.external_id === ref.externalId ? "externalId" : "email";
    return byId(found, match);
  }
  return { match: "new", id: null, email: ref.email ?? null, name: ref.name ?? null };
}

/**
 * Whether `event` would make a send of `trigger` now, and whether its first email would go when due.
 * Every reason is listed, not only the first, so a rule can be fixed in one go. `now`: the clock's time.
 */
export async function dryRunTrigger(
  db: Db,
  workspaceId: string,
  trigger: TriedTrigger,
  event: SampleEvent,
  now: Date,
): Promise<TriggerDryRun> {
  const reasons: Reason[] = [];
  const add = (code: DryRunReasonCode, message: string, key?: string) =>
    reasons.push(key === undefined ? { code, message } : { code, message, key });

  if (event.type !== trigger.eventType)
    add(
      "event_type",
      `the event is ${show(event.type)}; this trigger listens for ${show(trigger.eventType)}`,
    );
  if (!trigger.active) add("inactive", "the trigger is paused");
  const survey = await findRow(db, "surveys", workspaceId, trigger.surveyId);
  if (!survey) add("survey_missing", "the trigger's survey no longer exists");
  else if (!acceptsAnswers(survey))
    add(
      "survey_not_active",
      `the survey is ${survey.status === "draft" ? "a draft" : "closed"}: activate it first`,
    );

  const touchpointId = event.touchpointId ?? null;
  const metadata: Attributes = event.metadata ?? {};
  const conditions = conditionResults(trigger.conditions, { touchpointId, metadata });
  for (const r of conditions) if (!r.holds) add("condition", conditionMessage(r), r.key);
  if (touchpointId && !(await findRow(db, "touchpoints", workspaceId, touchpointId)))
    add(
      "event_touchpoint_unknown",
      "the event's touchpoint is not in this workspace: the event would be refused",
    );

  const contact = await findEventContact(db, workspaceId, event);
  if (contact.match === "unknown")
    add("contact_unknown", "no contact has this id in this workspace: the event would be refused");
  const fires = reasons.length === 0;

  let delivery: TriggerDryRun["delivery"] = null;
  if (contact.match !== "unknown") {
    const dueAt = new Date(now.getTime() + trigger.delaySeconds * 1000);
    let decision: "send" | "postpone" | "skip" = "send";
    let until: Date | null = null;
    if (!contact.email) {
      decision = "skip";
      add("no_email", "the contact has no email address");
    } else {
      // A contact the event would create has no history: only suppression (by address) and quiet hours apply.
      const contactId = contact.id ?? newId();
      const row = contact.id ? await findRow(db, "contacts", workspaceId, contact.id) : undefined;
      const timeZone = row?.time_zone ?? event.contact.timeZone ?? null;
      const decisions = await decideFatigue(
        db,
        workspaceId,
        [{ contactId, email: contact.email, timeZone }],
        {
          now: dueAt,
          surveyFatigueDays: survey?.settings.fatigueDays,
        },
      );
      const d = decisions.get(contactId);
      if (d?.action === "skip") {
        decision = "skip";
        add(d.rule, fatigueMessage(d.rule));
      } else if (d?.action === "postpone") {
        decision = "postpone";
        until = d.until;
      }
    }
    delivery = { decision, dueAt: dueAt.toISOString(), until: until?.toISOString() ?? null };
  }

  return {
    fires,
    delivery,
    reasons,
    conditions: conditions.map((r) => ({
      key: r.key,
      condition: r.condition,
      value: r.value ?? null,
      holds: r.holds,
    })),
    contact,
  };
}

function fatigueMessage(rule: "suppressed" | "open_case" | "within_24h" | "recently_surveyed"): string {
  switch (rule) {
    case "suppressed":
      return "the contact's address is on the suppression list";
    case "open_case":
      return "a follow-up case of the contact's is open";
    case "within_24h":
      return "the contact was surveyed in the last 24 hours";
    case "recently_surveyed":
      return "the contact was surveyed recently (the fatigue rule)";
  }
}
