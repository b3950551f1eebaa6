// Puts a demo comment together from the phrase pools: one or two sentences about the touchpoint and its
// themes in the respondent's mood, sometimes a wish or a closing line.
import { themesOf, type CommentPools, type ThemeKey, type Tone, type TouchpointKey } from "./demo-content.ts";
import type { Random } from "./random.ts";

function themeSentence(r: Random, pools: CommentPools, theme: ThemeKey, tone: Tone): string {
  return r.pick(pools.themes[theme][tone]);
}

export function writeComment(
  r: Random,
  pools: CommentPools,
  touchpoint: TouchpointKey,
  tone: Tone,
  duringIncident: boolean,
): string {
  if (tone !== "negative" && r.chance(0.05)) return r.pick(pools.short);
  const themes = themesOf[touchpoint];
  // A complaint about the outage stands alone.
  if (tone === "negative" && duringIncident && r.chance(0.5)) return r.pick(pools.incident);
  const parts: string[] = [];
  if (r.chance(0.65)) parts.push(r.pick(pools.touchpoints[touchpoint][tone]));
  else parts.push(themeSentence(r, pools, r.pick(themes), tone));

  if (r.chance(0.35)) {
    const second = r.chance(0.5)
      ? r.pick(pools.touchpoints[touchpoint][tone])
      : themeSentence(r, pools, r.pick(themes), tone);
    if (!parts.includes(second)) parts.push(second);
  }
  if (tone !== "negative" && r.chance(0.18)) parts.push(r.pick(pools.wishes));
  if (r.chance(0.15)) parts.push(r.pick(pools.closers[tone]));
  return parts.join(pools.joiner);
}
