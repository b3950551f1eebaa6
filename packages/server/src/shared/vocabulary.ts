// The closed lists of words the API speaks (locales, channels, touchpoint kinds and journey stages, survey
// statuses, intent verdicts and reasons): the server's schemas are built from them and the admin app's
// forms, filters and labels list them, so a new word is added once.

export const locales = ["ja", "en"] as const;
export type Locale = (typeof locales)[number];

export const channels = ["email", "chat", "phone", "web", "in_app", "in_person", "other"] as const;
export type Channel = (typeof channels)[number];

export const touchpointKinds = [
  "product",
  "support",
  "sales",
  "marketing",
  "onboarding",
  "billing",
  "other",
] as const;
export type TouchpointKind = (typeof touchpointKinds)[number];

/** The customer journey's stages, in the order a customer meets them (the journey map's columns). */
export const journeyStages = [
  "awareness",
  "consideration",
  "purchase",
  "onboarding",
  "adoption",
  "support",
  "renewal",
  "advocacy",
] as const;
export type JourneyStage = (typeof journeyStages)[number];

export const surveyStatuses = ["draft", "active", "closed"] as const;
export type SurveyStatus = (typeof surveyStatuses)[number];

/** A score click from an email: a scanner's (bot), not decided yet (pending), or a person's (confirmed). */
export const intentVerdicts = ["bot", "pending", "confirmed"] as const;
export type IntentVerdict = (typeof intentVerdicts)[number];

/**
 * Why a click got its verdict, as stored in intents.reason. A closed list: the admin app words each one
 * for the reader (pages/contacts/messages.ts), so a new reason must be added here and there.
 */
export const intentReasons = [
  "head request",
  "prefetch header",
  "no user agent",
  "scanner user agent",
  "burst",
  "trap link",
  "accepted by an admin",
] as const;
export type IntentReason = (typeof intentReasons)[number];

/** The touchpoint key reports give responses recorded at no touchpoint (rollups keep a key, never null). */
export const NO_TOUCHPOINT = "00000000-0000-0000-0000-000000000000";
