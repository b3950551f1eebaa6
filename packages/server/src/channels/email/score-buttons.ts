// The row of score buttons inside the email, with the scale's end labels beneath its two ends.
import { t, type Locale } from "../../i18n/messages.ts";
import { segmentOf, type SurveyKind } from "../../domain/scores/scales.ts";
import { COLORS, FONT_STACK, SCORE_FILLS, type ScoreFill } from "./email-style.ts";
import { escapeHtml } from "./html-safety.ts";

/** One score and the (already checked, http(s)) URL that opens the survey page with it chosen. */
export interface ScoreLink {
  score: number;
  url: string;
}

export function scoreFillOf(kind: SurveyKind, score: number): ScoreFill {
  if (kind !== "nps") return SCORE_FILLS.any;
  const segment = segmentOf(kind, score);
  return segment === "detractor"
    ? SCORE_FILLS.low
    : segment === "passive"
      ? SCORE_FILLS.mid
      : SCORE_FILLS.high;
}

/**
 * A table row rather than flexbox or grid, which Outlook and Gmail ignore. The fill is given twice
 * (bgcolor for Outlook, CSS for the rest); the number is a block link so the whole button is clickable
 * where clients allow it, and height="44" keeps Outlook's buttons tall enough to hit.
 */
export function scoreButtonsHtml(kind: SurveyKind, locale: Locale, links: readonly ScoreLink[]): string {
  const width = `${(100 / links.length).toFixed(2)}%`;
  const cells = links
    .map(({ score, url }) => {
      const { fill, border } = scoreFillOf(kind, score);
      return (
        `<td width="${width}" height="44" align="center" valign="middle" bgcolor="${fill}" ` +
        `style="background:${fill};border:1px solid ${border};border-radius:6px">` +
        `<a href="${escapeHtml(url)}" style="display:block;padding:11px 0;font-family:${FONT_STACK};` +
        `font-size:16px;line-height:20px;font-weight:700;color:${COLORS.ink};text-decoration:none">` +
        `${score}</a></td>`
      );
    })
    .join("");
  const label = `font-family:${FONT_STACK};font-size:13px;line-height:18px;color:${COLORS.muted};padding-top:6px`;
  return (
    `<table role="presentation" width="100%" cellpadding="0" cellspacing="3" border="0" style="table-layout:fixed">` +
    `<tr>${cells}</tr></table>` +
    `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0"><tr>` +
    `<td align="left" valign="top" style="${label};padding-left:3px">${escapeHtml(t(locale, `score.${kind}.low`))}</td>` +
    `<td align="right" valign="top" style="${label};padding-right:3px;text-align:right">` +
    `${escapeHtml(t(locale, `score.${kind}.high`))}</td></tr></table>`
  );
}
