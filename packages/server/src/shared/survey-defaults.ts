// What a new survey starts with: the standard question and the per-segment follow-ups, in both languages
// (JAPANESE.md's wording). One source: the admin's editor fills a new survey with them, and a survey created
// through the API without follow-ups gets the same ones (domain/surveys/).
import { segmentsOf, type Segment, type SurveyKind } from "./scales.ts";
import type { Locale } from "./vocabulary.ts";

/** `{name}` in a question is the company or product: the editor puts the brand placeholder there. */
export const surveyDefaultTexts = {
  en: {
    "nps.question": "How likely are you to recommend {name} to a friend or colleague?",
    "nps.detractor": "We're sorry we fell short. What should we improve?",
    "nps.passive": "What would it take for us to earn a 10?",
    "nps.promoter": "Thank you! What did you like most?",
    "csat.question": "How satisfied are you with {name}?",
    "csat.unhappy": "We're sorry. What went wrong?",
    "csat.neutral": "What could we have done better?",
    "csat.happy": "Thank you! What did we do especially well?",
    "ces.question":
      'To what extent do you agree with this statement: "{name} made it easy for me to handle my issue."',
    "ces.unhappy": "Sorry it took effort. Which step held you up?",
    "ces.neutral": "What would have made it easier?",
    "ces.happy": "Thank you! What made it easy?",
  },
  ja: {
    "nps.question": "{name}を友人や同僚に薦める可能性は、どのくらいありますか？",
    "nps.detractor": "ご期待に添えず申し訳ございません。どの点を改善すべきか、お聞かせいただけますか？",
    "nps.passive": "10点に近づけるために、何が必要でしょうか？",
    "nps.promoter": "ありがとうございます！特に良かった点を教えていただけますか？",
    "csat.question": "{name}に、どのくらい満足されていますか？",
    "csat.unhappy":
      "ご不便をおかけし申し訳ございません。どの点にご不満を感じられたか、お聞かせいただけますか？",
    "csat.neutral": "より良いサービスのために、改善すべき点を教えていただけますか？",
    "csat.happy": "ありがとうございます！特に良かった点を教えていただけますか？",
    "ces.question": "「{name}で、用件を簡単に済ませられた」という点について、どの程度そう思われますか？",
    "ces.unhappy": "お手数をおかけし申し訳ございません。どの手順で手間取られたか、教えていただけますか？",
    "ces.neutral": "もっと簡単にするために、何が必要でしょうか？",
    "ces.happy": "ありがとうございます！特に分かりやすかった点を教えていただけますか？",
  },
} as const satisfies Record<Locale, Record<string, string>>;

export type SurveyDefaultKey = keyof (typeof surveyDefaultTexts)["en"];

/** The default follow-up of each segment of a kind, in the languages asked for. */
export function defaultFollowUps(
  kind: SurveyKind,
  locales: readonly Locale[],
): Partial<Record<Segment, Partial<Record<Locale, string>>>> {
  return Object.fromEntries(
    segmentsOf(kind).map((s) => [
      s,
      Object.fromEntries(locales.map((l) => [l, surveyDefaultTexts[l][`${kind}.${s}` as SurveyDefaultKey]])),
    ]),
  );
}
