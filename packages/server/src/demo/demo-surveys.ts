// The four demo surveys, written in both locales (JAPANESE.md wording for the NPS question and follow-ups).
import type { SurveyInput } from "../domain/surveys/survey-schema.ts";
import type { SurveyKey } from "./demo-content.ts";

/** The service being asked about, as written in each locale. */
export interface ServiceName {
  ja: string;
  en: string;
}

const surveyNames: Record<SurveyKey, { ja: string; en: string }> = {
  relationship: { ja: "リレーションシップNPS", en: "Relationship NPS" },
  support: { ja: "サポート対応後のNPS", en: "Post-support NPS" },
  chatCsat: { ja: "チャットサポートの顧客満足度（CSAT）", en: "Chat support satisfaction (CSAT)" },
  onboardingCes: { ja: "オンボーディングの顧客努力指標（CES）", en: "Onboarding effort (CES)" },
};

export function demoSurveys(service: ServiceName, locale: "ja" | "en"): Record<SurveyKey, SurveyInput> {
  const base = { defaultLocale: locale, status: "active" } as const;
  const promoterThanks = {
    ja: "ありがとうございます！特に良かった点を教えていただけますか？",
    en: "Thank you! What did we do especially well?",
  };
  return {
    relationship: {
      ...base,
      name: surveyNames.relationship[locale],
      kind: "nps",
      question: {
        ja: `${service.ja}を友人や同僚に薦める可能性は、どのくらいありますか？`,
        en: `How likely are you to recommend ${service.en} to a friend or colleague?`,
      },
      followUps: {
        detractor: {
          ja: "ご期待に添えず申し訳ございません。どの点を改善すべきか、お聞かせいただけますか？",
          en: "We're sorry we fell short. What should we improve first?",
        },
        passive: {
          ja: "10点に近づけるために、何が必要でしょうか？",
          en: "What would it take for us to earn a 10?",
        },
        promoter: promoterThanks,
      },
    },
    support: {
      ...base,
      name: surveyNames.support[locale],
      kind: "nps",
      question: {
        ja: `今回のサポート対応をふまえて、${service.ja}を友人や同僚に薦める可能性は、どのくらいありますか？`,
        en: `Based on your recent support experience, how likely are you to recommend ${service.en} to a friend or colleague?`,
      },
      followUps: {
        detractor: {
          ja: "ご期待に添えず申し訳ございません。今回の対応で、どの点を改善すべきか、お聞かせいただけますか？",
          en: "We're sorry we fell short. What should we have done differently?",
        },
        passive: {
          ja: "10点に近づけるために、何が必要でしょうか？",
          en: "What would it take for us to earn a 10?",
        },
        promoter: {
          ja: "ありがとうございます！今回の対応で特に良かった点を教えていただけますか？",
          en: "Thank you! What did our team do especially well?",
        },
      },
    },
    chatCsat: {
      ...base,
      name: surveyNames.chatCsat[locale],
      kind: "csat",
      question: {
        ja: "今回のチャットサポートの対応に、どのくらい満足されましたか？",
        en: "How satisfied were you with the help you got in chat today?",
      },
      followUps: {
        unhappy: {
          ja: "ご不便をおかけし申し訳ございません。どの点にご不満を感じられたか、お聞かせいただけますか？",
          en: "We're sorry. What went wrong?",
        },
        neutral: {
          ja: "より良い対応のために、改善すべき点を教えていただけますか？",
          en: "What could we have done better?",
        },
        happy: promoterThanks,
      },
    },
    onboardingCes: {
      ...base,
      name: surveyNames.onboardingCes[locale],
      kind: "ces",
      question: {
        ja: `「${service.ja}の初期設定は簡単に進められた」という点について、どの程度そう思われますか？`,
        en: `To what extent do you agree with this statement: "${service.en} made it easy for me to get set up."`,
      },
      followUps: {
        unhappy: {
          ja: "お手数をおかけし申し訳ございません。どの手順で手間取られたか、教えていただけますか？",
          en: "Sorry it took effort. Which step held you up?",
        },
        neutral: {
          ja: "もっと簡単にするために、何が必要でしょうか？",
          en: "What would have made it easier?",
        },
        happy: {
          ja: "ありがとうございます！特に分かりやすかった点を教えていただけますか？",
          en: "Thank you! What helped you most?",
        },
      },
    },
  };
}
