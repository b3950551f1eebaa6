// A score as a colour, red through amber to green, for the journey map. The scale
// is clamped at ±60: Japanese scores sit far below Western ones, and a scale to ±100 would paint every
// Japanese touchpoint the same red. Tints are light so dark text on them stays above AA contrast.
const LIMIT = 60;

/** Hue 0 (red) at −60 or lower, 45 (amber) at 0, 140 (green) at +60 or higher. */
export function scoreHue(nps: number): number {
  const x = Math.max(-LIMIT, Math.min(LIMIT, nps)) / LIMIT;
  return x < 0 ? 45 * (1 + x) : 45 + 95 * x;
}

export const scoreTint = (nps: number) => `hsl(${scoreHue(nps).toFixed(0)} 70% 93%)`;
export const scoreEdge = (nps: number) => `hsl(${scoreHue(nps).toFixed(0)} 60% 38%)`;
