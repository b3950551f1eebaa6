// The shape of one locale's demo content: what the ja and en content files fill in.
import type { ResponseInput } from "../domain/responses/response-schema.ts";
import type { SurveyInput } from "../domain/surveys/survey-schema.ts";
import type { TouchpointInput } from "../domain/touchpoints/touchpoint-schema.ts";

export const touchpointKeys = [
  "product",
  "phone",
  "email",
  "chat",
  "sales",
  "webinar",
  "onboarding",
] as const;
export type TouchpointKey = (typeof touchpointKeys)[number];

export const surveyKeys = ["relationship", "support", "chatCsat", "onboardingCes"] as const;
export type SurveyKey = (typeof surveyKeys)[number];

export const themeKeys = [
  "price",
  "speed",
  "usability",
  "reliability",
  "onboarding",
  "documentation",
] as const;
export type ThemeKey = (typeof themeKeys)[number];

/** The themes a comment about each touchpoint tends to mention besides the touchpoint itself. */
export const themesOf: Record<TouchpointKey, readonly ThemeKey[]> = {
  product: ["usability", "reliability", "price", "documentation"],
  phone: ["speed", "documentation"],
  email: ["speed", "documentation"],
  chat: ["speed", "usability"],
  sales: ["price", "onboarding"],
  webinar: ["documentation", "onboarding", "usability"],
  onboarding: ["onboarding", "documentation", "usability"],
};

export type Tone = "negative" | "neutral" | "positive";
export type ToneText = Record<Tone, readonly string[]>;

export type Source = ResponseInput["source"];
export type Channel = NonNullable<ResponseInput["channel"]>;
/** Relative weights, e.g. { email: 80, link: 20 }. */
export type Weighted<T extends string> = Partial<Record<T, number>>;

/** Parses "佐藤 sato, 鈴木 suzuki" into [written, romanised] pairs; a lone word romanises to itself. */
export function namePairs(text: string): (readonly [string, string])[] {
  return text
    .split(",")
    .map((s) => s.trim().split(/\s+/))
    .filter((parts) => parts[0])
    .map(([written = "", roman]) => [written, (roman ?? written).toLowerCase()] as const);
}

/** One flow of answers: a survey asked at a touchpoint, with how its scores move over the 18 months. */
export interface Stream {
  survey: SurveyKey;
  touchpoint: TouchpointKey;
  /** Responses over the whole period. */
  count: number;
  sources: Weighted<Source>;
  /** Default: the touchpoint's own channel. */
  channels?: Weighted<Channel>;
  /** Target at the start and at the end of the period: NPS points, CSAT % satisfied, or CES mean. */
  target: readonly [number, number];
  /** How far the target falls during the incident month (same unit as target). */
  incidentDrop: number;
  /** How much busier the stream is during the incident month (support gets the calls). */
  incidentVolume: number;
  /** Prefix of the support ticket number put in the metadata, if any. */
  ticketPrefix?: string;
}

/** How people of this market use the scales. */
export interface ScoreStyle {
  /** Share of passives (7–8) among NPS answers. */
  npsPassiveShare: number;
  /** Relative weights of 0..6, 7..8 and 9..10 within each NPS segment. */
  detractorWeights: readonly number[];
  passiveWeights: readonly number[];
  promoterWeights: readonly number[];
  csatNeutralShare: number;
  /** Weights of 1..2 and 4..5. */
  csatUnhappyWeights: readonly number[];
  csatHappyWeights: readonly number[];
  /** Spread of CES answers around the target mean. */
  cesSpread: number;
  /** Spread of a contact's lasting mood, in NPS points. */
  contactSpread: number;
}

export interface Region {
  name: string;
  timeZones: readonly string[];
  weight: number;
}

export interface CommentPools {
  /** Glue between sentences: "" in Japanese, " " in English. */
  joiner: string;
  touchpoints: Record<TouchpointKey, ToneText>;
  themes: Record<ThemeKey, ToneText>;
  /** Complaints written during the incident month. */
  incident: readonly string[];
  /** A wish added after a neutral or positive comment. */
  wishes: readonly string[];
  closers: ToneText;
  /** Whole comments that say almost nothing. */
  short: readonly string[];
}

export interface DemoContent {
  locale: "ja" | "en";
  touchpoints: Record<TouchpointKey, TouchpointInput>;
  surveys: Record<SurveyKey, SurveyInput>;
  streams: readonly Stream[];
  style: ScoreStyle;
  /** [name, email domain, industry] */
  companies: readonly (readonly [string, string, string])[];
  regions: readonly Region[];
  roles: readonly string[];
  /** [as written, romanised] */
  familyNames: readonly (readonly [string, string])[];
  givenNames: readonly (readonly [string, string])[];
  fullName(family: string, given: string): string;
  /** Email domain of people who signed up on their own, with no company. */
  personalDomain: string;
  /** Quiet periods: [from "MM-DD", to "MM-DD", volume weight]. */
  holidays: readonly (readonly [string, string, number])[];
  /** Time zone of anonymous respondents. */
  anonymousTimeZone: string;
  comments: CommentPools;
}
