// A realistic NPS survey in Japanese and English (wording per shared/JAPANESE.md), shared by the
// end-to-end tests and the screenshot script.
import type { Api } from "./api.ts";

export const brandName = "Hikari Cloud";

export const npsSurvey = {
  name: "リレーションシップNPS 2026年下期",
  kind: "nps",
  status: "active",
  defaultLocale: "ja",
  question: {
    ja: "{brand}を友人や同僚に薦める可能性は、どのくらいありますか？",
    en: "How likely are you to recommend {brand} to a friend or colleague?",
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
    promoter: {
      ja: "ありがとうございます！特に良かった点を教えていただけますか？",
      en: "Thank you! What did we do especially well?",
    },
  },
  settings: {
    brandName,
    reviewInvite: {
      label: { ja: "Googleでレビューを書く", en: "Write a review on Google" },
      url: "https://reviews.example.com/hikari-cloud",
    },
    ctas: {
      promoter: {
        label: { ja: "お知り合いに紹介する", en: "Refer a colleague" },
        url: "https://hikari-cloud.example.jp/referral",
      },
    },
  },
} as const;

export const contacts = {
  ja: { email: "hanako.yamada@example.jp", name: "山田 花子", locale: "ja" },
  en: { email: "emma.clark@example.com", name: "Emma Clark", locale: "en" },
} as const;

/** Creates the survey and one contact per locale; returns their ids. */
export async function seedSurvey(api: Api) {
  const survey = await api.createSurvey(npsSurvey);
  const ja = await api.createContact(contacts.ja);
  const en = await api.createContact(contacts.en);
  return { surveyId: survey.id, contactIds: { ja: ja.id, en: en.id } };
}
