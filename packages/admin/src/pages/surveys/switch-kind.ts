// A new kind brings its own default wording, but only where the admin has not written anything of their
// own: an empty text, or the previous kind's untouched default, is replaced; anything else stays. Defaults
// name the brand as {brand}; surveys written before that named it in full, so those names count too.
import type { Kind } from "../../ui/score.tsx";
import { BRAND, defaultTexts, segmentsOf, type SurveyDraft, type Texts } from "./survey-draft.ts";

const same = (a: Texts, b: Texts | undefined) => !!b && a.ja === b.ja && a.en === b.en;
const blank = (a: Texts) => !a.ja.trim() && !a.en.trim();

export function switchKind(draft: SurveyDraft, kind: Kind, olderNames: string[] = []): Partial<SurveyDraft> {
  const befores = [BRAND, ...olderNames.filter(Boolean)].map((name) => defaultTexts(draft.kind, name));
  const after = defaultTexts(kind, BRAND);
  const untouched = (text: Texts, old: (d: ReturnType<typeof defaultTexts>) => Texts | undefined) =>
    blank(text) || befores.some((d) => same(text, old(d)));
  const followUps = { ...draft.followUps };
  for (const s of segmentsOf(kind)) {
    const next = after.followUps[s];
    if (next && untouched(followUps[s], (d) => d.followUps[s])) followUps[s] = next;
  }
  return {
    kind,
    followUps,
    question: untouched(draft.question, (d) => d.question) ? after.question : draft.question,
  };
}
