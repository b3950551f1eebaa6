// Rating scales and the segment each score falls in (DESIGN.md "Domain facts"): the server's rules and the
// admin app's editor and chips read the same definitions.

export const surveyKinds = ["nps", "csat", "ces"] as const;
export type SurveyKind = (typeof surveyKinds)[number];

/** Every segment of every kind: NPS's three, then the rating scales' three. */
export const segments = ["detractor", "passive", "promoter", "unhappy", "neutral", "happy"] as const;
export type Segment = (typeof segments)[number];

interface ScaleDef {
  min: number;
  max: number;
  /** Low, middle and high segment, in that order. */
  segments: readonly [Segment, Segment, Segment];
  /** Highest score in the low segment and in the middle segment. */
  lowMax: number;
  midMax: number;
}

const defs: Record<SurveyKind, ScaleDef> = {
  nps: { min: 0, max: 10, segments: ["detractor", "passive", "promoter"], lowMax: 6, midMax: 8 },
  csat: { min: 1, max: 5, segments: ["unhappy", "neutral", "happy"], lowMax: 2, midMax: 3 },
  ces: { min: 1, max: 7, segments: ["unhappy", "neutral", "happy"], lowMax: 3, midMax: 4 },
};

export function isSurveyKind(x: unknown): x is SurveyKind {
  return typeof x === "string" && (surveyKinds as readonly string[]).includes(x);
}

export function scaleOf(kind: SurveyKind): { min: number; max: number } {
  const { min, max } = defs[kind];
  return { min, max };
}

export function segmentsOf(kind: SurveyKind): readonly Segment[] {
  return defs[kind].segments;
}

/** The low segment of a kind: asked how to follow up (contact preference). */
export const isUnhappy = (s: Segment): boolean => s === "detractor" || s === "unhappy";
/** The high segment of a kind: asked for a testimonial. */
export const isHappy = (s: Segment): boolean => s === "promoter" || s === "happy";

export function segmentOf(kind: SurveyKind, score: number): Segment {
  const d = defs[kind];
  if (!Number.isInteger(score) || score < d.min || score > d.max) {
    throw new RangeError(`${kind} score must be an integer from ${d.min} to ${d.max}, got ${score}`);
  }
  const [low, mid, high] = d.segments;
  return score <= d.lowMax ? low : score <= d.midMax ? mid : high;
}
