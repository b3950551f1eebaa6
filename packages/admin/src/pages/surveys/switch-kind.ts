// A new kind brings its own default wording, but only where the admin has not written anything of their
// own: an empty text, or the previous kind's untouched default, is replaced; anything else stays.
import type { Kind } from "../../ui/score.tsx";
import { defaultTexts, segmentsOf, type SurveyDraft, type Texts } from "./survey-draft.ts";

const same = (a: Texts, b: Texts | undefined) => !!b && a.ja === b.ja && a.en === b.en;
const blank = (a: Texts) => !a.ja.trim() && !a.en.trim();

export function switchKind(draft: SurveyDraft, kind: Kind, brand: string): Partial<SurveyDraft> {
  const before = defaultTexts(draft.kind, brand);
  const after = defaultTexts(kind, brand);
  const untouched = (text: Texts, old: Texts | undefined) => blank(text) || same(text, old);
  const followUps = { ...draft.followUps };
  for (const s of segmentsOf(kind)) {
    const next = after.followUps[s];
    if (next && untouched(followUps[s], before.followUps[s])) followUps[s] = next;
  }
  return {
    kind,
    followUps,
    question: untouched(draft.question, before.question) ? after.question : draft.question,
  };
}
