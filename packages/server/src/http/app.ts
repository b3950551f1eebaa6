// The route table: every URL the server answers is listed here.
import { Hono } from "hono";
import { limitBody } from "./body.ts";
import type { AppDeps, AppEnv } from "./env.ts";
import { authenticate } from "./middleware/authenticate.ts";
import { sessionRoutes } from "./routes/session.ts";
import { adminAppRoutes } from "./routes/admin-app.ts";
import { openApiDocument } from "./contract/document.ts";
import { responseCheck } from "./contract/response-check.ts";
import { documentRoutes, healthRoutes } from "./routes/meta.ts";
import { onError, problem } from "./problem.ts";
import { apiFallback } from "./api-fallback.ts";
import { reportRoutes } from "./routes/reports.ts";
import { resourceRouters } from "./routes/resources.ts";
import { responseRoutes } from "./routes/responses.ts";
import { sendRoutes } from "./routes/sends.ts";
import { workspaceRoutes } from "./routes/workspace.ts";
import { setupChecklistRoutes } from "./routes/setup-checklist.ts";
import { campaignRoutes } from "./routes/campaigns.ts";
import { outboxRoutes, sentMailRoutes } from "./routes/outbox.ts";
import { linkSurveyRoutes } from "./routes/link-survey.ts";
import { personalLinkRoutes } from "./routes/personal-link.ts";
import { unsubscribeRoutes } from "./routes/unsubscribe.ts";
import { suppressionRoutes } from "./routes/suppressions.ts";
import { triggerRoutes } from "./routes/triggers.ts";
import { touchpointArchiveRoutes } from "./routes/touchpoint-archive.ts";
import { eventRoutes } from "./routes/events.ts";
import { apiKeyRoutes } from "./routes/api-keys.ts";
import { userRoutes } from "./routes/users.ts";
import { workspacesRoutes } from "./routes/workspaces.ts";
import { jobRoutes } from "./routes/jobs.ts";
import { contactActivityRoutes } from "./routes/contact-activity.ts";
import { companyActivityRoutes, contactProgrammeRoutes } from "./routes/contact-programme.ts";
import { auditLogRoutes } from "./routes/audit-log.ts";
import { contactImportRoutes } from "./routes/contact-imports.ts";
import { benchmarkRoutes } from "./routes/benchmarks.ts";
import { responseExportRoutes } from "./routes/response-export.ts";
import { surveyPreviewRoutes } from "./routes/survey-previews.ts";
import { rateLimit } from "./middleware/rate-limit.ts";
import { clientAddress } from "./client-address.ts";
import { errorPage } from "./routes/page-helpers.ts";
import { localeFromHeader } from "../i18n/messages.ts";

const MB = 1024 * 1024;

export function createApp(deps: AppDeps) {
  const resources = resourceRouters(deps);
  const responses = responseRoutes(deps);
  const reports = reportRoutes(deps);
  const sends = sendRoutes(deps);
  const suppressions = suppressionRoutes(deps);
  const workspace = workspaceRoutes(deps);
  const setupChecklist = setupChecklistRoutes(deps);
  const campaigns = campaignRoutes(deps);
  const session = sessionRoutes(deps);
  const outbox = outboxRoutes(deps);
  const sentMail = sentMailRoutes(deps);
  const triggers = triggerRoutes(deps);
  const touchpointArchive = touchpointArchiveRoutes(deps);
  const events = eventRoutes(deps);
  const apiKeys = apiKeyRoutes(deps);
  const users = userRoutes(deps);
  const instance = workspacesRoutes(deps);
  const jobs = jobRoutes(deps);
  const contactActivity = contactActivityRoutes(deps);
  const contactProgramme = contactProgrammeRoutes(deps);
  const companyActivity = companyActivityRoutes(deps);
  const auditLog = auditLogRoutes(deps);
  const contactImports = contactImportRoutes(deps);
  const benchmarks = benchmarkRoutes();
  const responseExport = responseExportRoutes(deps);
  const surveyPreviews = surveyPreviewRoutes(deps);
  const health = healthRoutes(deps);
  let openapi: Record<string, unknown> | undefined;
  const documentOf = () => (openapi ??= openApiDocument(operations, deps.version));
  const document = documentRoutes(documentOf);
  const operations = [
    ...Object.values(resources).flatMap((r) => r.operations),
    ...touchpointArchive.operations,
    ...sends.operations,
    ...contactActivity.operations,
    ...contactProgramme.operations,
    ...companyActivity.operations,
    ...auditLog.operations,
    ...contactImports.operations,
    ...surveyPreviews.operations,
    ...benchmarks.operations,
    ...reports.operations,
    ...responses.operations,
    ...responseExport.operations,
    ...campaigns.operations,
    ...outbox.operations,
    ...sentMail.operations,
    ...suppressions.operations,
    ...triggers.operations,
    ...events.operations,
    ...apiKeys.operations,
    ...workspace.operations,
    ...setupChecklist.operations,
    ...users.operations,
    ...session.operations,
    ...health.operations,
    ...instance.workspaces.operations,
    ...instance.demo.operations,
    ...instance.sessionWorkspace.operations,
    ...jobs.operations,
    ...document.operations,
  ];

  const tooLarge = (c: Parameters<typeof problem>[0]) => problem(c, 413, "the body is too large");
  // A 10,000-row import with comments is a few MB; everything else is small.
  const bigBody = limitBody(64 * MB, tooLarge);
  const smallBody = limitBody(MB, tooLarge);
  const api = new Hono<AppEnv>()
    .use(authenticate(deps))
    .use((c, next) =>
      (c.req.path === "/api/v1/responses" ||
        c.req.path === "/api/v1/contact-imports" ||
        c.req.path.endsWith("/audience")
        ? bigBody
        : smallBody)(c, next),
    )
    .route("/surveys", surveyPreviews.routes)
    .route("/surveys", resources.surveys.routes)
    .route("/touchpoints", touchpointArchive.routes)
    .route("/touchpoints", resources.touchpoints.routes)
    .route("/contacts", contactActivity.routes)
    // Before /contacts/:id, which would take "export.csv" for an id.
    .route("/contacts", contactProgramme.routes)
    .route("/contacts", resources.contacts.routes)
    .route("/contact-imports", contactImports.routes)
    .route("/companies", companyActivity.routes)
    .route("/companies", resources.companies.routes)
    .route("/audit-log", auditLog.routes)
    // Before /responses/:id, which would take "export.csv" for an id.
    .route("/responses/export.csv", responseExport.routes)
    .route("/responses", responses.routes)
    .route("/reports", reports.routes)
    .route("/benchmarks", benchmarks.routes)
    .route("/sends", sends.routes)
    .route("/suppressions", suppressions.routes)
    .route("/workspace/setup-checklist", setupChecklist.routes)
    .route("/workspace", workspace.routes)
    .route("/campaigns", campaigns.routes)
    .route("/outbox", outbox.routes)
    .route("/sent-mail", sentMail.routes)
    .route("/triggers", triggers.routes)
    .route("/events", events.routes)
    .route("/api-keys", apiKeys.routes)
    .route("/users", users.routes)
    .route("/workspaces", instance.workspaces.routes)
    .route("/demo-workspaces", instance.demo.routes)
    .route("/session/workspace", instance.sessionWorkspace.routes)
    .route("/jobs", jobs.routes);

  // Public pages: generous enough for a person and a scanner's burst, not for a flood.
  const limited = rateLimit({
    limit: deps.publicRequestsPerMinute ?? 120,
    windowMs: 60_000,
    key: (c) => clientAddress(c, deps.proxy),
    counter: deps.publicHits,
    clock: deps.clock,
    onLimit: (c) => errorPage(c, 429, localeFromHeader(c.req.header("accept-language"), "ja"), "rate"),
  });
  // Except unsubscribe POSTs: mail providers send one-click unsubscribes (RFC 8058) for many recipients from
  // a few addresses, and each costs one signature check and one upsert.
  const unlessUnsubscribe: typeof limited = (c, next) =>
    c.req.method === "POST" && c.req.path.startsWith("/u/") ? next() : limited(c, next);
  const pages = new Hono()
    // Only the pages count against the limit; any other path is a plain 404.
    .use("/:page{[rsu]}/*", unlessUnsubscribe)
    .use(limitBody(256 * 1024, tooLarge))
    .route("/r", personalLinkRoutes(deps))
    .route("/s", linkSurveyRoutes(deps))
    .route("/u", unsubscribeRoutes(deps));

  const app = new Hono<AppEnv>()
    .use("/api/*", responseCheck(documentOf))
    .use("/healthz", responseCheck(documentOf))
    .route("/healthz", health.routes)
    .route("/api/v1/openapi.json", document.routes)
    .use("/api/v1/session", smallBody)
    .use("/api/v1/session/*", smallBody)
    .route("/api/v1/session", session.routes)
    .route("/api/v1", api)
    // Before the pages: an unknown API path is a problem+json 404 (or 405), outside the pages' rate limit.
    .all("/api/*", apiFallback(operations))
    // People who open the bare address are looking for the admin app.
    .get("/", (c) => c.redirect("/admin/"))
    .get("/admin", (c) => c.redirect("/admin/"))
    .route("/admin", adminAppRoutes())
    .route("/", pages);
  app.notFound((c) => problem(c, 404, `no route for ${c.req.method} ${c.req.path}`));
  app.onError(onError);
  return app;
}

export type App = ReturnType<typeof createApp>;
