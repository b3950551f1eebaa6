// The editor's form state and its two translations: from a stored survey, and to the API's body. The form
// keeps every segment's texts (all six) so switching the kind back and forth loses nothing typed; the
// body carries only the kind's own segments, and leaves out what is empty.
import type { Survey, SurveyInput } from "../../api/types.ts";
import { scaleOf, segmentOf, segments, segmentsOf, surveyKinds, surveyStatuses } from "@koe/server/shared";
import { interpolate } from "../../i18n/i18n.tsx";
import type { Kind, Segment } from "../../ui/score.tsx";
import { surveyDefaults } from "./defaults/messages.ts";

// The scales are the server's (DESIGN.md: NPS 0–6 / 7–8 / 9–10; CSAT 1–2 / 3 / 4–5; CES 1–3 / 4 / 5–7).
export { scaleOf, segmentOf, segmentsOf };
export const kinds = surveyKinds;
export const statuses = surveyStatuses;
export const allSegments = segments;

export interface Texts {
  ja: string;
  en: string;
}
export interface LinkDraft {
  label: Texts;
  url: string;
}

export interface SurveyDraft {
  name: string;
  kind: Kind;
  status: (typeof statuses)[number];
  defaultLocale: "ja" | "en";
  question: Texts;
  followUps: Record<Segment, Texts>;
  ctas: Record<Segment, LinkDraft>;
  reviewInvite: LinkDraft;
  askContactPreference: boolean;
  askTestimonial: boolean;
  /** The survey's own brand per language (a product's); empty: the workspace's brand. */
  brandName: Texts;
  fatigueDays: string;
}

type Stored = { ja?: string | undefined; en?: string | undefined } | undefined;
const texts = (t: Stored): Texts => ({ ja: t?.ja ?? "", en: t?.en ?? "" });
const emptyLink = (): LinkDraft => ({ label: texts(undefined), url: "" });
const perSegment = <T>(make: (s: Segment) => T) =>
  Object.fromEntries(allSegments.map((s) => [s, make(s)])) as Record<Segment, T>;

/** The default question and follow-ups of a kind, in both languages, naming the company. */
export function defaultTexts(
  kind: Kind,
  name: string,
): { question: Texts; followUps: Partial<Record<Segment, Texts>> } {
  const say = (locale: "ja" | "en", key: string) =>
    interpolate((surveyDefaults[locale] as Record<string, string>)[key] ?? "", { name });
  const both = (key: string): Texts => ({ ja: say("ja", key), en: say("en", key) });
  return {
    question: both(`${kind}.question`),
    followUps: Object.fromEntries(segmentsOf(kind).map((s) => [s, both(`${kind}.${s}`)])),
  };
}

/** What the default wording names: the brand, filled in by the page and the email in their own language. */
export const BRAND = "{brand}";

export function newDraft(kind: Kind, defaultLocale: "ja" | "en"): SurveyDraft {
  const d = defaultTexts(kind, BRAND);
  return {
    name: "",
    kind,
    status: "draft",
    defaultLocale,
    question: d.question,
    followUps: perSegment((s) => d.followUps[s] ?? texts(undefined)),
    ctas: perSegment(emptyLink),
    reviewInvite: emptyLink(),
    askContactPreference: true,
    askTestimonial: true,
    brandName: texts(undefined),
    fatigueDays: "",
  };
}

export function fromSurvey(s: Survey): SurveyDraft {
  const link = (l: { label: Stored; url: string } | undefined): LinkDraft =>
    l ? { label: texts(l.label), url: l.url } : emptyLink();
  return {
    name: s.name,
    kind: s.kind,
    status: s.status,
    defaultLocale: s.defaultLocale,
    question: texts(s.question),
    followUps: perSegment((seg) => texts(s.followUps[seg])),
    ctas: perSegment((seg) => link(s.settings.ctas?.[seg])),
    reviewInvite: link(s.settings.reviewInvite),
    // The landing page asks both unless told not to.
    askContactPreference: s.settings.askContactPreference ?? true,
    askTestimonial: s.settings.askTestimonial ?? true,
    brandName: brandTexts(s.settings.brandName),
    fatigueDays: s.settings.fatigueDays === undefined ? "" : String(s.settings.fatigueDays),
  };
}

/** A stored brand name: per language, read field by field (the contract leaves its shape open for now). */
function brandTexts(stored: unknown): Texts {
  const o = typeof stored === "object" && stored !== null ? (stored as Record<string, unknown>) : {};
  return { ja: typeof o.ja === "string" ? o.ja : "", en: typeof o.en === "string" ? o.en : "" };
}

/** Text per locale without the empty ones; undefined when both are empty. */
function localeText(t: Texts): { ja?: string; en?: string } | undefined {
  const out: { ja?: string; en?: string } = {};
  if (t.ja.trim()) out.ja = t.ja.trim();
  if (t.en.trim()) out.en = t.en.trim();
  return out.ja || out.en ? out : undefined;
}

/** A link is sent once anything of it is typed, so a half-filled one reaches the server and gets its errors. */
function linkBody(l: LinkDraft) {
  const label = localeText(l.label);
  if (!label && !l.url.trim()) return undefined;
  return { label: label ?? {}, url: l.url.trim() };
}

export function toBody(d: SurveyDraft): SurveyInput {
  const settings: SurveyInput["settings"] = {
    askContactPreference: d.askContactPreference,
    askTestimonial: d.askTestimonial,
  };
  const brandName = localeText(d.brandName);
  if (brandName) settings.brandName = brandName;
  if (d.fatigueDays.trim() !== "") settings.fatigueDays = Number(d.fatigueDays);
  const review = linkBody(d.reviewInvite);
  if (review) settings.reviewInvite = review;
  const ctas: NonNullable<SurveyInput["settings"]>["ctas"] = {};
  const followUps: SurveyInput["followUps"] = {};
  for (const s of segmentsOf(d.kind)) {
    const f = localeText(d.followUps[s]);
    if (f) followUps[s] = f;
    const cta = linkBody(d.ctas[s]);
    if (cta) ctas[s] = cta;
  }
  if (Object.keys(ctas).length) settings.ctas = ctas;
  return {
    name: d.name.trim(),
    kind: d.kind,
    question: localeText(d.question) ?? {},
    followUps,
    defaultLocale: d.defaultLocale,
    status: d.status,
    settings,
  };
}
