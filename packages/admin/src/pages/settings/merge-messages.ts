// A settings section's own messages together with the page's shared ones (roles, form notes, checks),
// so one `t` serves a whole form.
import type { Section } from "../../i18n/define.ts";

export const mergeMessages = <A extends string, B extends string>(
  a: Section<A>,
  b: Section<B>,
): Section<A | B> => ({
  en: { ...a.en, ...b.en } as Record<A | B, string>,
  ja: { ...a.ja, ...b.ja } as Record<A | B, string>,
});
