// A seeded generator, so every run (and the baseline) gets the same rows.

import { mulberry32 } from "../../packages/server/src/demo/random.ts";

export type Random = () => number;

/** The demo's generator (mulberry32), so bench rows and demo rows come from one implementation. */
export const seeded: (seed: number) => Random = mulberry32;

export function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

/** Index drawn with the given relative weights. */
export function weighted(random: Random, weights: readonly number[]): number {
  const total = weights.reduce((a, b) => a + b, 0);
  let x = random() * total;
  for (let i = 0; i < weights.length; i++) {
    x -= weights[i] as number;
    if (x < 0) return i;
  }
  return weights.length - 1;
}

/** Score weights per kind, index = score (NPS 0–10, CSAT 1–5, CES 1–7): a typical B2B spread. */
export const scoreWeights = {
  nps: [2, 1, 2, 3, 3, 5, 7, 12, 18, 22, 25],
  csat: [0, 5, 8, 17, 40, 30],
  ces: [0, 3, 4, 8, 15, 25, 25, 20],
} as const;

const ja = [
  "サポートの対応がとても早くて助かりました。",
  "料金がもう少し分かりやすいと嬉しいです。",
  "管理画面の使い勝手が良くなりました。",
  "電話がなかなかつながりませんでした。",
  "導入時の説明が丁寧で安心できました。",
  "請求書の形式を選べるようにしてほしい。",
  "新機能のおかげで作業時間が半分になりました。",
  "障害時の連絡がもう少し早いと良かったです。",
];
const en = [
  "Support answered within minutes and fixed it.",
  "Pricing is confusing once you add seats.",
  "The dashboard is much faster since the update.",
  "I waited too long on the phone to reach someone.",
  "Onboarding was clear and the webinar helped a lot.",
  "Please let us export invoices as CSV.",
  "The new reports save our team hours every week.",
  "The outage notice came late and said little.",
];

/** A comment of one to four sentences in the given locale (20–200 characters). */
export function comment(random: Random, locale: "ja" | "en"): string {
  const pool = locale === "ja" ? ja : en;
  const count = 1 + Math.floor(random() * 4);
  return Array.from({ length: count }, () => pick(random, pool)).join(locale === "ja" ? "" : " ");
}
