// The API's shapes as the admin app reads them: the contract's named schemas (schema.gen.ts, generated
// from the server's route declarations), under the names the pages use.
import type { components, operations } from "./schema.gen.ts";

type Schemas = components["schemas"];

/** One page of a list operation's answer (every XPage schema has this shape). */
export interface Page<T> {
  data: T[];
  nextCursor: string | null;
}
/** The JSON body an operation takes. */
type BodyOf<O extends keyof operations> = operations[O] extends {
  requestBody?: { content: { "application/json": infer B } };
}
  ? B
  : never;

export type Survey = Schemas["Survey"];
export type SurveyInput = BodyOf<"createSurvey">;
export type Touchpoint = Schemas["Touchpoint"];
export type Company = Schemas["Company"];
export type Contact = Schemas["Contact"];
export type Campaign = Schemas["Campaign"];
export type CampaignProgress = Schemas["CampaignProgress"];
export type CampaignWithProgress = Schemas["CampaignWithProgress"];
export type HeldMessages = Schemas["HeldMessages"];
export type AudienceUpload = Schemas["AudienceUpload"];
export type Response = Schemas["Response"];
export type ResponseWithContext = Schemas["ResponseWithContext"];
export type OutboxMessage = Schemas["OutboxMessage"];
export type SentMail = Schemas["SentMail"];
export type SentMailDetail = Schemas["SentMailDetail"];
export type Suppression = Schemas["Suppression"];
export type Job = Schemas["Job"];
export type Benchmark = Schemas["Benchmark"];
export type BenchmarkList = Schemas["BenchmarkList"];
export type ApiKey = Schemas["ApiKey"];
export type CreatedApiKey = Schemas["CreatedApiKey"];
export type User = Schemas["User"];
export type Session = Schemas["Session"];
/** The signed-in workspace with its settings (GET /api/v1/workspace); `Workspace` is a list's entry. */
export type CurrentWorkspace = Schemas["CurrentWorkspace"];
export type WorkspaceSettings = Schemas["WorkspaceSettings"];
export type TimelineEntry = Schemas["TimelineEntry"];
export type SurveyTimelineEntry = Schemas["SurveyTimelineEntry"];
export type NoteTimelineEntry = Schemas["NoteTimelineEntry"];
export type TimelineIntent = Schemas["TimelineIntent"];
export type IntentCounts = NonNullable<SurveyTimelineEntry["intentCounts"]>;
export type ContactNote = Schemas["ContactNote"];
export type Intent = Schemas["Intent"];
export type IntentReason = NonNullable<Intent["reason"]>;
export type Send = Schemas["Send"];
export type SendWithIntents = Schemas["SendWithIntents"];
