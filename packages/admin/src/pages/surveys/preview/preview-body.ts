// The survey the preview asks the server to render: the form as it stands, less what is still being
// typed and would fail validation (a button without its link yet), so the preview keeps up while typing.
import type { SurveyInput } from "../../../api/types.ts";
import { toBody, type SurveyDraft } from "../survey-draft.ts";

type Link = { label: { ja?: string; en?: string }; url: string };
const complete = (l: Link | undefined): l is Link =>
  !!l && !!(l.label.ja || l.label.en) && /^https?:\/\/[^\s/]+\.[^\s]+$/.test(l.url);

/** null when there is nothing to show yet (no question in either language). */
export function previewSurvey(draft: SurveyDraft, untitled: string): SurveyInput | null {
  const body = toBody(draft);
  if (!body.question.ja && !body.question.en) return null;
  const settings = { ...body.settings };
  if (!complete(settings.reviewInvite)) delete settings.reviewInvite;
  if (settings.ctas) {
    const ctas = Object.fromEntries(Object.entries(settings.ctas).filter(([, l]) => complete(l)));
    settings.ctas = ctas;
  }
  const days = settings.fatigueDays;
  if (days !== undefined && !(Number.isInteger(days) && days >= 0 && days <= 3650))
    delete settings.fatigueDays;
  return { ...body, name: body.name || untitled, settings };
}
