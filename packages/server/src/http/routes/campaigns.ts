// /api/v1/campaigns: create, edit a draft, launch, pause, resume, cancel, progress, preview, test send.
import { Hono } from "hono";
import { z } from "zod";
import { canEditSurveys, canRead, ensure } from "../../domain/auth/permissions.ts";
import { campaignInput, campaignPatch } from "../../domain/campaigns/campaign-schema.ts";
import {
  changeCampaign,
  createCampaign,
  getCampaign,
  listCampaigns,
  toCampaign,
  updateCampaign,
} from "../../domain/campaigns/campaigns.ts";
import { importAudienceCsv } from "../../domain/campaigns/audience-csv.ts";
import { campaignProgress } from "../../domain/campaigns/progress.ts";
import { idSchema, pageSchema } from "../../domain/fields.ts";
import { decodeIdCursor, toPage } from "../../domain/paging.ts";
import { previewCampaignMail, testSendCampaign, testSendInput } from "../../jobs/campaign-preview.ts";
import { outboxMailer } from "../../channels/email/outbox-mailer.ts";
import { bodyBytes, contentTypeCharset } from "../body.ts";
import type { AppDeps, AppEnv } from "../env.ts";
import type { RouteDoc } from "../route-doc.ts";
import { body, pathId, query } from "../validate.ts";

/** Whose email the preview shows: one contact of the workspace (optional). */
const previewQuery = z.object({ contactId: idSchema.optional() }).strict();

export function campaignRoutes(deps: AppDeps): { routes: Hono<AppEnv>; docs: RouteDoc[] } {
  const { db } = deps;
  const mailer = deps.mailer ?? outboxMailer(db);
  const links = { secret: deps.secret, baseUrl: deps.baseUrl };
  const change = (action: "launch" | "pause" | "resume" | "cancel") =>
    new Hono<AppEnv>().post("/", async (c) => {
      ensure(canEditSurveys(c.var.actor), `${action} campaigns`);
      return c.json(await changeCampaign(db, c.var.actor.workspaceId, pathId(c, "campaign"), action));
    });
  const routes = new Hono<AppEnv>()
    .get("/", async (c) => {
      ensure(canRead(c.var.actor), "read campaigns");
      const page = query(c, pageSchema);
      const rows = await listCampaigns(db, c.var.actor.workspaceId, {
        limit: page.limit,
        after: decodeIdCursor(page.cursor),
      });
      return c.json(toPage(rows, page.limit, toCampaign, (r) => r.id));
    })
    .post("/", async (c) => {
      ensure(canEditSurveys(c.var.actor), "create campaigns");
      return c.json(await createCampaign(db, c.var.actor.workspaceId, await body(c, campaignInput)), 201);
    })
    .get("/:id", async (c) => {
      ensure(canRead(c.var.actor), "read campaigns");
      const ws = c.var.actor.workspaceId;
      const id = pathId(c, "campaign");
      const campaign = await getCampaign(db, ws, id);
      return c.json({ ...campaign, progress: await campaignProgress(db, ws, id) });
    })
    .patch("/:id", async (c) => {
      ensure(canEditSurveys(c.var.actor), "edit campaigns");
      const id = pathId(c, "campaign");
      return c.json(await updateCampaign(db, c.var.actor.workspaceId, id, await body(c, campaignPatch)));
    })
    .get("/:id/progress", async (c) => {
      ensure(canRead(c.var.actor), "read campaigns");
      return c.json(await campaignProgress(db, c.var.actor.workspaceId, pathId(c, "campaign")));
    })
    .post("/:id/audience", async (c) => {
      ensure(canEditSurveys(c.var.actor), "edit campaigns");
      // The file's bytes as sent: its encoding is read from them, or from the declared charset.
      const bytes = await bodyBytes(c);
      const charset = contentTypeCharset(c.req.header("content-type"));
      return c.json(
        await importAudienceCsv(db, c.var.actor.workspaceId, pathId(c, "campaign"), bytes, charset),
      );
    })
    .get("/:id/preview", async (c) => {
      ensure(canRead(c.var.actor), "read campaigns");
      const { contactId } = query(c, previewQuery);
      return c.json(
        await previewCampaignMail(db, c.var.actor.workspaceId, pathId(c, "campaign"), links, contactId),
      );
    })
    .post("/:id/test-send", async (c) => {
      ensure(canEditSurveys(c.var.actor), "send test messages");
      const input = await body(c, testSendInput);
      return c.json(
        await testSendCampaign(db, mailer, c.var.actor.workspaceId, pathId(c, "campaign"), links, input),
        202,
      );
    })
    .route("/:id/launch", change("launch"))
    .route("/:id/pause", change("pause"))
    .route("/:id/resume", change("resume"))
    .route("/:id/cancel", change("cancel"));
  const doc = (method: RouteDoc["method"], path: string, summary: string, extra: Partial<RouteDoc> = {}) => ({
    method,
    path: `/api/v1/campaigns${path}`,
    summary,
    tag: "Campaigns",
    success: 200,
    ...extra,
  });
  const docs: RouteDoc[] = [
    doc("get", "", "List campaigns, newest first", { query: pageSchema }),
    doc("post", "", "Create a campaign (a draft): survey, touchpoint, audience, schedule, reminders", {
      body: campaignInput,
      success: 201,
    }),
    doc("get", "/{id}", "Get a campaign with its progress"),
    doc("patch", "/{id}", "Edit a draft campaign", { body: campaignPatch }),
    doc(
      "get",
      "/{id}/progress",
      "Messages of the current round as what will happen: sent, sending, failed, skipped (by rule); queued that will go, " +
        "held (quiet hours, retry, paused: with until), willSkip (by the rule that will skip them); reminders likewise",
    ),
    doc(
      "post",
      "/{id}/audience",
      "Upload the audience as CSV, the file's bytes as the body (text/csv; UTF-8, UTF-16 with a BOM, Shift_JIS/CP932, or the " +
        "declared charset). An `email` column, optional name, locale, timeZone, externalId; other columns become attributes. " +
        "Answers { added, encoding, errors: [{ line, message }], duplicates: [{ line, email, firstLine }] } (an address given " +
        "twice keeps its first row); bytes that are not text are a 422 naming each line, and nothing is stored",
    ),
    doc(
      "get",
      "/{id}/preview",
      "The email as a contact would get it (subject, html, text); `contactId` optional",
      { query: previewQuery },
    ),
    doc("post", "/{id}/test-send", "Send the email to one address now, marked as a test", {
      body: testSendInput,
      success: 202,
    }),
    doc(
      "post",
      "/{id}/launch",
      "Launch a draft: now, at its time, or its first recurring round. 409 `urn:koe:problem:survey-not-active` while its survey is not active",
    ),
    doc("post", "/{id}/pause", "Pause sending; queued messages wait"),
    doc(
      "post",
      "/{id}/resume",
      "Resume a paused campaign (409 survey-not-active while its survey is not active)",
    ),
    doc("post", "/{id}/cancel", "Cancel; messages not yet sent are skipped with the reason"),
  ];
  return { routes, docs };
}
