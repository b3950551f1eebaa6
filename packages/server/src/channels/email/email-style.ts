// Colours and fonts of the survey email. They follow the survey page (pages/layout.ts) so the email and
// the page it opens look like one product. Every piece of text sits in dark ink on a light fill, which
// keeps its contrast when a mail client inverts the email for dark mode.

/**
 * A Windows font comes first because Outlook on Windows falls back to Times New Roman when the first
 * font of a stack is missing; the rest cover Japanese on macOS, iOS, Android and Linux. Single quotes,
 * because the stack goes inside style="…" attributes.
 */
export const FONT_STACK =
  "'Segoe UI',-apple-system,'Hiragino Sans','Noto Sans JP','Noto Sans CJK JP','Yu Gothic',Meiryo,sans-serif";

export const COLORS = {
  page: "#f4f5f7",
  card: "#ffffff",
  ink: "#1f2328",
  muted: "#4b5563",
  link: "#1a56db",
  rule: "#e5e7eb",
  /** The brand colour when the workspace sets none or sets an invalid one. */
  brandDefault: "#1a56db",
} as const;

export interface ScoreFill {
  fill: string;
  border: string;
}

/**
 * Score button fills: red, yellow and green for NPS detractors, passives and promoters, one neutral blue
 * for CSAT and CES (as on the survey page, which does not colour those scales). Each keeps at least 9:1
 * contrast with COLORS.ink, and the darker border outlines the button if a client drops the fill.
 */
export const SCORE_FILLS = {
  low: { fill: "#f8b4b4", border: "#e02424" },
  mid: { fill: "#faca15", border: "#b45309" },
  high: { fill: "#84e1bc", border: "#057a55" },
  any: { fill: "#a4cafe", border: "#1c64f2" },
} as const satisfies Record<string, ScoreFill>;
