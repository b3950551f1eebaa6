// Draws one demo score around a target, the way people of one market use each scale.
import { segmentOf, type Segment, type SurveyKind } from "../domain/scores/scales.ts";
import type { ScoreStyle, Stream, Tone } from "./demo-content.ts";
import type { Random } from "./random.ts";

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/**
 * The target for one answer: the stream's trend at this point of the period, the incident dip, and the
 * respondent's own mood (in NPS points; scaled down for CSAT and CES).
 */
export function targetFor(
  stream: Stream,
  kind: SurveyKind,
  progress: number,
  incident: boolean,
  mood: number,
): number {
  const [from, to] = stream.target;
  const trend = from + (to - from) * progress - (incident ? stream.incidentDrop : 0);
  if (kind === "nps") return trend + mood;
  if (kind === "csat") return trend + mood / 2;
  return trend + mood / 30;
}

function npsScore(r: Random, style: ScoreStyle, target: number): number {
  const passive = style.npsPassiveShare;
  const t = clamp(target / 100, -(1 - passive) + 0.04, 1 - passive - 0.04);
  const promoter = (1 - passive + t) / 2;
  const detractor = (1 - passive - t) / 2;
  const segment = r.index([detractor, passive, promoter]);
  if (segment === 0) return r.index(style.detractorWeights);
  if (segment === 1) return 7 + r.index(style.passiveWeights);
  return 9 + r.index(style.promoterWeights);
}

function csatScore(r: Random, style: ScoreStyle, targetPercent: number): number {
  const happy = clamp(targetPercent / 100, 0.05, 0.97);
  const neutral = Math.min(style.csatNeutralShare, 1 - happy);
  const segment = r.index([1 - happy - neutral, neutral, happy]);
  if (segment === 0) return 1 + r.index(style.csatUnhappyWeights);
  if (segment === 1) return 3;
  return 4 + r.index(style.csatHappyWeights);
}

function cesScore(r: Random, style: ScoreStyle, mean: number): number {
  return clamp(Math.round(mean + r.normal() * style.cesSpread), 1, 7);
}

export function drawScore(r: Random, kind: SurveyKind, style: ScoreStyle, target: number): number {
  if (kind === "nps") return npsScore(r, style, target);
  if (kind === "csat") return csatScore(r, style, target);
  return cesScore(r, style, target);
}

/** The mood a comment is written in, from the score's segment. */
export function toneOf(kind: SurveyKind, score: number): Tone {
  return toneOfSegment[segmentOf(kind, score)];
}

const toneOfSegment: Record<Segment, Tone> = {
  detractor: "negative",
  unhappy: "negative",
  passive: "neutral",
  neutral: "neutral",
  promoter: "positive",
  happy: "positive",
};

/** Detractors write most often, passives least (about 40 % overall). */
export const commentChance: Record<Tone, number> = { negative: 0.52, neutral: 0.3, positive: 0.4 };
