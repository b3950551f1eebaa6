// The mail worker: takes due messages off the delivery ledger, applies the fatigue rule, composes and
// sends them, and records each step so that a crash neither loses nor duplicates a message. The job
// runner drives it as the `mail.step` job (one step at a time across processes, every second and at
// once while there is more); the ledger's claim and commit steps keep sending at most once.
import { z } from "zod";
import { systemClock, type Clock } from "../clock.ts";
import type { Db } from "../db/open.ts";
import { composeSurveyMail, messageHostOf } from "../channels/email/compose-survey-mail.ts";
import { MailError, type Mailer } from "../channels/email/mailer.ts";
import { runDueCampaigns } from "../domain/campaigns/run-due.ts";
import { claimDueDeliveries, type ClaimedDelivery } from "../domain/deliveries/claim.ts";
import {
  markCommitting,
  markFailed,
  markSent,
  markSkipped,
  recoverExpiredLeases,
  requeue,
} from "../domain/deliveries/transitions.ts";
import { decideFatigue, type FatigueDecision } from "../domain/fatigue/fatigue.ts";
import type { LinkSigner } from "../domain/sends/send-schema.ts";
import { acceptsAnswers } from "../domain/surveys/accepts-answers.ts";
import { log } from "../log.ts";
import { defineJob, type JobServices } from "./define.ts";

export interface MailWorkerOptions {
  db: Db;
  mailer: Mailer;
  links: LinkSigner;
  /** Messages claimed per round trip. */
  batch?: number;
  /** Messages in flight at once (match the SMTP pool). */
  concurrency?: number;
  /** How long a claimed message is ours; a worker that dies holds it no longer than this. */
  leaseSeconds?: number;
  /** Only this workspace's messages and campaigns (a dedicated worker for one tenant; tests). */
  workspaceId?: string;
  onError?: (e: unknown) => void;
  /** Expand a campaign's audience on two connections at once (PostgreSQL; the embedded database has one). */
  parallelExpansion?: boolean;
  /** The clock (tests move it instead of sleeping). */
  clock?: Clock;
  /** The time alone, for tests that only move a number. */
  now?: () => number;
  /** Run the campaign clock in each round's housekeeping (the job runner runs it as its own job). */
  campaignClock?: boolean;
}

/** The fatigue rule's decision, or a wait while another first message to the same person goes out. */
type Decision = FatigueDecision | { action: "postpone"; until: Date; rule: "another_survey_first" };

const MAX_ATTEMPTS = 5;
/** Retry delays after a transient SMTP error: 1 min, 5 min, 30 min, 2 h. */
const BACKOFF_MS = [60_000, 300_000, 1_800_000, 7_200_000];

export interface MailWorker {
  /** One round: campaign clock, recovery, one claimed batch sent. Returns the messages handled. */
  tick(): Promise<number>;
}

export function createMailWorker(opts: MailWorkerOptions): MailWorker {
  const { db, mailer, links } = opts;
  const host = messageHostOf(links.baseUrl);
  const batch = opts.batch ?? 50;
  const concurrency = opts.concurrency ?? 5;
  const leaseSeconds = opts.leaseSeconds ?? 120;
  // A test's bare `now` is the time everywhere here, the campaign clock's included.
  const clock: Clock = opts.clock ?? (opts.now ? { ...systemClock, now: opts.now } : systemClock);
  const now = () => clock.now();
  let lastHousekeeping = -Infinity;

  type Sent = { workspaceId: string; id: string; attempts: number; reason?: string };
  /** Handles one message; a message that went out is returned, to be recorded with the rest of the batch. */
  async function handle(d: ClaimedDelivery, decision: Decision | undefined): Promise<Sent | void> {
    const key = { workspaceId: d.workspaceId, id: d.id, attempts: d.attempts };
    // The survey closed or went back to a draft after the message was queued: its link would show closed.
    if (!acceptsAnswers(d.survey)) return markSkipped(db, key, "survey_not_active");
    if (!d.contact?.email) return markSkipped(db, key, "no_email");
    if (d.expiresAt.getTime() < now()) return markSkipped(db, key, "link_expired");
    if (d.step > 0 && d.responded) return markSkipped(db, key, "responded");
    if (decision?.action === "skip") return markSkipped(db, key, decision.rule);
    if (decision?.action === "postpone") return requeue(db, key, decision.until, { reason: decision.rule });
    const mail = composeSurveyMail(d, links);
    try {
      await mailer.send(mail, { beforeEndOfData: (end) => markCommitting(db, key, end) });
    } catch (e) {
      if (!(e instanceof MailError)) throw e;
      if (e.mayHaveBeenAccepted) return { ...key, reason: `unconfirmed: ${e.message}`.slice(0, 500) };
      if (e.transient && d.attempts < MAX_ATTEMPTS) {
        const wait = BACKOFF_MS[Math.min(d.attempts - 1, BACKOFF_MS.length - 1)] ?? 60_000;
        return requeue(db, key, new Date(now() + wait), { reason: "retry", error: e.message });
      }
      return markFailed(db, key, e.message);
    }
    return key;
  }

  /** The fatigue rule for a claimed batch: one call per workspace, survey and kind of message. */
  async function decide(claimed: ClaimedDelivery[]): Promise<Map<string, Decision>> {
    const byId = new Map<string, Decision>();
    const groups = new Map<string, ClaimedDelivery[]>();
    for (const d of claimed) {
      if (!d.contact) continue;
      const k = `${d.workspaceId}/${d.survey.id}/${d.step > 0}`;
      groups.set(k, [...(groups.get(k) ?? []), d]);
    }
    // Two first messages to one person in one batch (two campaigns, a trigger and a campaign): only one
    // goes; the other waits and then meets the rule. Keyed across groups, as the rule keys its history.
    const seen = new Set<string>();
    for (const list of groups.values()) {
      const first = list[0]!;
      const decisions = await decideFatigue(
        db,
        first.workspaceId,
        list.map((d) => ({
          contactId: d.contact!.id,
          email: d.contact!.email,
          timeZone: d.contact!.timeZone,
        })),
        {
          now: new Date(now()),
          surveyFatigueDays: first.survey.settings.fatigueDays,
          reminder: first.step > 0,
        },
      );
      for (const d of list) {
        const decision = decisions.get(d.contact!.id);
        const person = `${d.workspaceId}/${d.contact!.id}`;
        const again = d.step === 0 && seen.has(person);
        if (d.step === 0 && decision?.action === "send") seen.add(person);
        byId.set(
          d.id,
          again && decision?.action === "send"
            ? { action: "postpone", until: new Date(now() + 60_000), rule: "another_survey_first" }
            : (decision ?? { action: "send" }),
        );
      }
    }
    return byId;
  }

  async function tick(): Promise<number> {
    if (now() - lastHousekeeping > 2_000) {
      lastHousekeeping = now();
      const { reconciled } = await recoverExpiredLeases(db, host, {
        workspaceId: opts.workspaceId,
        outbox: mailer.kind === "outbox",
        now: new Date(now()),
      });
      // An operator should know: these may or may not have reached their recipients.
      if (reconciled > 0 && mailer.kind === "smtp")
        log.warn(
          `mail worker: ${reconciled} message(s) of unknown fate after a crash taken as sent, not resent`,
        );
      if (opts.campaignClock ?? true)
        await runDueCampaigns(db, host, {
          workspaceId: opts.workspaceId,
          parallel: opts.parallelExpansion ? 2 : 1,
          clock,
        });
    }
    const claimed = await claimDueDeliveries(db, {
      limit: batch,
      leaseSeconds,
      workspaceId: opts.workspaceId,
      now: new Date(now()),
    });
    if (claimed.length === 0) return 0;
    const decisions = await decide(claimed);
    let next = 0;
    const sent: Sent[] = [];
    await Promise.all(
      Array.from({ length: Math.min(concurrency, claimed.length) }, async () => {
        while (next < claimed.length) {
          const d = claimed[next++]!;
          const out = await handle(d, decisions.get(d.id)).catch((e: unknown) => opts.onError?.(e));
          if (out) sent.push(out);
        }
      }),
    );
    await markSent(db, sent, host, new Date(now()));
    return claimed.length;
  }

  return { tick };
}

/** One mail worker per process and mailer: its housekeeping pace is kept between steps. */
const workers = new WeakMap<object, MailWorker>();

function workerFor(services: JobServices): MailWorker {
  let worker = workers.get(services.mailer);
  if (!worker) {
    worker = createMailWorker({
      db: services.db,
      mailer: services.mailer,
      links: services.links,
      leaseSeconds: services.config.mailLeaseSeconds,
      workspaceId: services.config.workspaceId,
      parallelExpansion: services.config.parallelExpansion,
      clock: services.clock,
      campaignClock: false,
      onError: (e) => log.error("mail worker:", e),
    });
    workers.set(services.mailer, worker);
  }
  return worker;
}

/** How long one step sends before handing over to its next run (so a stop or expiry never waits long). */
const STEP_BUDGET_MS = 5_000;

/**
 * The mail step: claimed batches sent back to back until nothing is due or the budget is spent, then
 * again in a second (at once if there was more). One at a time across processes; a step a killed
 * process left is taken as dead after a minute, and its claims return to the ledger after their lease.
 */
export const mailStepJob = defineJob({
  name: "mail.step",
  schema: z.object({}),
  singletonKey: "mail",
  schedule: { everySeconds: 1 },
  retry: { limit: 0, delaySeconds: 0, backoff: false },
  expireInSeconds: 60,
  keepSeconds: 600,
  async handler(_payload, ctx) {
    const worker = workerFor(ctx);
    const stopAt = ctx.clock.now() + STEP_BUDGET_MS;
    let handled = 0;
    do handled = await worker.tick();
    while (handled > 0 && ctx.clock.now() < stopAt && !ctx.job.signal.aborted);
    return { again: handled > 0 };
  },
});
