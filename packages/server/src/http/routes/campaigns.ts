// /api/v1/campaigns: create, edit a draft, launch, pause, resume, cancel, progress, preview, test send.
import { dateOf } from "../../clock.ts";
import { z } from "zod";
import { canEditSurveys, canRead } from "../../domain/auth/permissions.ts";
import {
  audienceUploadSchema,
  campaignDetailSchema,
  campaignInput,
  campaignPatch,
  campaignPreviewSchema,
  campaignProgressSchema,
  campaignSchema,
  testSendSchema,
} from "../../domain/campaigns/campaign-schema.ts";
import {
  changeCampaign,
  createCampaign,
  getCampaign,
  listCampaigns,
  toCampaign,
  updateCampaign,
} from "../../domain/campaigns/campaigns.ts";
import { importAudienceCsv } from "../../domain/campaigns/audience-csv.ts";
import {
  audienceCountInput,
  audienceCountSchema,
  countAudience,
} from "../../domain/campaigns/audience-count.ts";
import { launchWarnings, launchWarningSchema } from "../../domain/campaigns/launch-warnings.ts";
import { campaignProgress } from "../../domain/campaigns/progress.ts";
import { idSchema, pageOf, pageSchema } from "../../domain/fields.ts";
import { decodeIdCursor, toPage } from "../../domain/paging.ts";
import { previewCampaignMail, testSendCampaign, testSendInput } from "../../jobs/campaign-preview.ts";
import { outboxMailer } from "../../channels/email/outbox-mailer.ts";
import { bodyBytes, contentTypeCharset } from "../body.ts";
import { contractRoutes } from "../contract/mount.ts";
import { operation, route } from "../contract/operation.ts";
import type { AppDeps } from "../env.ts";

/** Whose email the preview shows: one contact of the workspace (optional). */
const previewQuery = z
  .object({
    contactId: idSchema
      .optional()
      .meta({ description: "The contact to show it for; a sample one if left out" }),
  })
  .strict();

/** The launch's answer: the campaign, and what it was launched despite (an added field: compatible). */
const launchedSchema = campaignSchema
  .extend({
    warnings: z
      .array(launchWarningSchema)
      .meta({ description: "What the launch went ahead despite, e.g. a sender without a postal address" }),
  })
  .meta({ id: "LaunchedCampaign" });

const base = "/api/v1/campaigns";
const one = { tag: "Campaigns", params: { id: "campaign" } } as const;

export function campaignRoutes(deps: AppDeps) {
  const { db } = deps;
  const mailer = deps.mailer ?? outboxMailer(db);
  const links = { secret: deps.secret, baseUrl: deps.baseUrl };
  const change = (action: "pause" | "resume" | "cancel", summary: string, description?: string) =>
    route(
      operation({
        ...one,
        operationId: `${action}Campaign` as const,
        method: "post",
        path: `${base}/{id}/${action}`,
        summary,
        ...(description ? { description } : {}),
        access: { allowed: canEditSurveys, to: `${action} campaigns` },
        success: { status: 200, schema: campaignSchema },
        errors: [409],
      }),
      async (c, { params }) => {
        return changeCampaign(db, c.var.actor.workspaceId, params.id, action, dateOf(deps.clock));
      },
    );
  return contractRoutes(base, [
    route(
      operation({
        operationId: "listCampaigns",
        method: "get",
        path: base,
        summary: "List campaigns, newest first",
        tag: "Campaigns",
        query: pageSchema,
        access: { allowed: canRead, to: "read campaigns" },
        success: { status: 200, schema: pageOf(campaignSchema, "CampaignPage") },
      }),
      async (c, { query: page }) => {
        const rows = await listCampaigns(db, c.var.actor.workspaceId, {
          limit: page.limit,
          after: decodeIdCursor(page.cursor),
        });
        return toPage(rows, page.limit, toCampaign, (r) => r.id);
      },
    ),
    route(
      operation({
        operationId: "createCampaign",
        method: "post",
        path: base,
        summary: "Create a campaign (a draft)",
        description:
          "A draft with its survey, touchpoint, audience, schedule and reminders; launch it to send.",
        tag: "Campaigns",
        body: campaignInput,
        access: { allowed: canEditSurveys, to: "create campaigns" },
        success: { status: 201, schema: campaignSchema },
      }),
      async (c, { body }) => {
        return createCampaign(db, c.var.actor.workspaceId, body);
      },
    ),
    route(
      operation({
        operationId: "countCampaignAudience",
        method: "post",
        path: `${base}/audience-count`,
        summary: "Count whom an audience would reach",
        description:
          "The contacts an audience (as a campaign takes it) matches now, and of them those without an email " +
          "(never queued) and those suppressed (queued, then skipped): `reach` is whom a launch would email. " +
          "Nothing is stored. A csv audience is counted from `campaignId`'s uploaded list.",
        tag: "Campaigns",
        body: audienceCountInput,
        access: { allowed: canRead, to: "read campaigns" },
        success: { status: 200, schema: audienceCountSchema },
        errors: [404],
      }),
      async (c, { body }) => {
        return countAudience(db, c.var.actor.workspaceId, body);
      },
    ),
    route(
      operation({
        ...one,
        operationId: "getCampaign",
        method: "get",
        path: `${base}/{id}`,
        summary: "Get a campaign with its progress",
        access: { allowed: canRead, to: "read campaigns" },
        success: { status: 200, schema: campaignDetailSchema },
      }),
      async (c, { params }) => {
        const ws = c.var.actor.workspaceId;
        const campaign = await getCampaign(db, ws, params.id);
        return {
          ...campaign,
          progress: await campaignProgress(db, ws, params.id, dateOf(deps.clock)),
          launchWarnings: await launchWarnings(db, ws),
        };
      },
    ),
    route(
      operation({
        ...one,
        operationId: "updateCampaign",
        method: "patch",
        path: `${base}/{id}`,
        summary: "Edit a draft campaign",
        description: "Only a draft can be edited: a launched campaign answers 409.",
        body: campaignPatch,
        access: { allowed: canEditSurveys, to: "edit campaigns" },
        success: { status: 200, schema: campaignSchema },
        errors: [409],
      }),
      async (c, { params, body }) => {
        return updateCampaign(db, c.var.actor.workspaceId, params.id, body, dateOf(deps.clock));
      },
    ),
    route(
      operation({
        ...one,
        operationId: "getCampaignProgress",
        method: "get",
        path: `${base}/{id}/progress`,
        summary: "Where the campaign's current round stands",
        description:
          "Messages of the current round as what will happen: sent, sending, failed, skipped (by rule); queued that " +
          "will go, held (quiet hours, retry, paused: with until), willSkip (by the rule that will skip them); " +
          "reminders likewise.",
        access: { allowed: canRead, to: "read campaigns" },
        success: { status: 200, schema: campaignProgressSchema },
      }),
      async (c, { params }) => {
        return campaignProgress(db, c.var.actor.workspaceId, params.id, dateOf(deps.clock));
      },
    ),
    route(
      operation({
        ...one,
        operationId: "uploadCampaignAudience",
        method: "post",
        path: `${base}/{id}/audience`,
        summary: "Upload a draft's audience as CSV",
        description:
          "The file's bytes as the body (text/csv; UTF-8, UTF-16 with a BOM, Shift_JIS/CP932, or the declared " +
          "charset). An `email` column, optional name, locale, timeZone, externalId; other columns become " +
          "attributes. Rows with an error are reported by line and left out; an address given twice keeps its first " +
          "row. Bytes that are not text are a 422 naming each line, and nothing is stored. 409 unless a draft.",
        upload: {
          mediaTypes: ["text/csv"],
          description:
            "The CSV file as it is, with a header row; its charset may be declared (text/csv; charset=shift_jis)",
        },
        access: { allowed: canEditSurveys, to: "edit campaigns" },
        success: { status: 200, schema: audienceUploadSchema },
        errors: [409],
      }),
      async (c, { params }) => {
        // The file's bytes as sent: its encoding is read from them, or from the declared charset.
        const bytes = await bodyBytes(c);
        const charset = contentTypeCharset(c.req.header("content-type"));
        return importAudienceCsv(db, c.var.actor.workspaceId, params.id, bytes, charset);
      },
    ),
    route(
      operation({
        ...one,
        operationId: "previewCampaign",
        method: "get",
        path: `${base}/{id}/preview`,
        summary: "The campaign's email as a contact would get it",
        description: "Subject, HTML and text, for `contactId` or a sample contact; nothing is sent or kept.",
        query: previewQuery,
        access: { allowed: canRead, to: "read campaigns" },
        success: { status: 200, schema: campaignPreviewSchema },
      }),
      async (c, { params, query }) => {
        return previewCampaignMail(db, c.var.actor.workspaceId, params.id, links, query.contactId);
      },
    ),
    route(
      operation({
        ...one,
        operationId: "testSendCampaign",
        method: "post",
        path: `${base}/{id}/test-send`,
        summary: "Send the email to one address now, marked as a test",
        description: "Its subject starts with [TEST]; an answer to it counts nowhere.",
        body: testSendInput,
        access: { allowed: canEditSurveys, to: "send test messages" },
        success: { status: 202, schema: testSendSchema },
      }),
      async (c, { params, body }) => {
        return testSendCampaign(db, mailer, c.var.actor.workspaceId, params.id, links, body);
      },
    ),
    route(
      operation({
        ...one,
        operationId: "launchCampaign",
        method: "post",
        path: `${base}/{id}/launch`,
        summary: "Launch a draft",
        description:
          "Now, at its time, or its first recurring round. 409 `urn:koe:problem:survey-not-active` while its " +
          "survey is not active. `warnings` says what it was launched despite (a sender without a name, an " +
          "address or the postal address Japan's Act on Specified Electronic Mail asks for).",
        access: { allowed: canEditSurveys, to: "launch campaigns" },
        success: { status: 200, schema: launchedSchema },
        errors: [409],
      }),
      async (c, { params }) => {
        const ws = c.var.actor.workspaceId;
        const launched = await changeCampaign(db, ws, params.id, "launch", dateOf(deps.clock));
        return { ...launched, warnings: await launchWarnings(db, ws) };
      },
    ),
    change("pause", "Pause sending; queued messages wait"),
    change(
      "resume",
      "Resume a paused campaign",
      "409 `urn:koe:problem:survey-not-active` while its survey is not active.",
    ),
    change("cancel", "Cancel; messages not yet sent are skipped with the reason"),
  ]);
}
