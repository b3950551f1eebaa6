// Whether a post from a survey page may store an answer (docs/SURVEY-PAGES.md, "A script never answers").
// A page running its script proves a person by the script's mark, which it sets only on a trusted
// interaction; a page without scripting says so through a <noscript> field, and its post is judged by how
// long after the page it came and by how it was sent. What scanners left on a send is checked by the caller
// (sends/scanner-traces.ts), since a link survey has no send.
import { scannerReason, type RequestSignals } from "../sends/intents.ts";
import { formTokenIssuedAt, isHumanMark } from "../sends/token.ts";

/** A post without scripting must come at least this long after its page: a person reads before pressing. */
export const NO_SCRIPT_MIN_MS = 3_000;

export interface PagePost {
  formToken: string;
  /** The `h` field: the page script's mark, empty unless a person interacted. */
  mark: string;
  /** The `nojs` field, present only when the page ran without scripting. */
  noScript: boolean;
  signals: RequestSignals;
}

export type PagePostRefusal = "no interaction" | "too fast" | "scanner";

export type PagePostVerdict =
  | { ok: true; by: "script" }
  | { ok: true; by: "no script"; pageServedAt: number }
  | { ok: false; reason: PagePostRefusal };

/** Judges a post whose form token was verified already. */
export function judgePagePost(
  secret: string,
  post: PagePost,
  opts: { now: number; noScriptMinMs: number },
): PagePostVerdict {
  if (post.mark && isHumanMark(secret, post.formToken, post.mark)) return { ok: true, by: "script" };
  // With scripting on, a form posted without the mark was submitted by a script (form.submit(), a
  // dispatched click) or before anyone touched the page.
  if (!post.noScript) return { ok: false, reason: "no interaction" };
  const servedAt = formTokenIssuedAt(post.formToken);
  if (servedAt === undefined || opts.now - servedAt < opts.noScriptMinMs)
    return { ok: false, reason: "too fast" };
  if (scannerReason(post.signals)) return { ok: false, reason: "scanner" };
  return { ok: true, by: "no script", pageServedAt: servedAt };
}
