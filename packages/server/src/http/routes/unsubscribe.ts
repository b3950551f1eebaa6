// /u/:token — unsubscribe. A GET only shows the confirm button (mail scanners open every link); the
// page's form or an RFC 8058 one-click POST ("List-Unsubscribe=One-Click" from the mail client)
// unsubscribes. The token alone is the capability, as in the List-Unsubscribe header; the form token
// only makes sure a form POST came from this page rather than from a stray or replayed request.
import { Hono, type Context } from "hono";
import type { SuppressionReason } from "../../db/schema.ts";
import { signFormToken, TokenError, verifyFormToken } from "../../domain/sends/token.ts";
import { getSuppression, suppress, unsuppress } from "../../domain/suppressions/suppressions.ts";
import {
  loadUnsubscribeContext,
  type UnsubscribeContext,
} from "../../domain/suppressions/unsubscribe-context.ts";
import {
  verifyUnsubscribeToken,
  type UnsubscribeToken,
} from "../../domain/suppressions/unsubscribe-token.ts";
import { localeFromHeader, type Locale } from "../../i18n/messages.ts";
import { unsubscribePage, type UnsubscribeState } from "../../pages/unsubscribe-page.ts";
import { formFields } from "../body.ts";
import type { AppDeps } from "../env.ts";
import { framedByNobody, setPageCsp } from "../page-csp.ts";
import { errorPage, pageLocale } from "./page-helpers.ts";

interface Loaded {
  token: UnsubscribeToken;
  context: UnsubscribeContext;
  locale: Locale;
}

const formSubject = (t: UnsubscribeToken) => `unsubscribe:${t.workspaceId}:${t.email}`;
const sourceOf = (how: string, t: UnsubscribeToken) => (t.sendId ? `${how} (send ${t.sendId})` : how);

export function unsubscribeRoutes(deps: AppDeps) {
  const { db, secret } = deps;

  /** Reads the token and the address's workspace, or answers with the friendly page for a bad link. */
  const withToken = async (c: Context, handle: (l: Loaded) => Promise<Response>) => {
    let token: UnsubscribeToken;
    try {
      token = verifyUnsubscribeToken(secret, c.req.param("token") ?? "");
    } catch (e) {
      if (!(e instanceof TokenError)) throw e;
      return errorPage(c, 404, pageLocale(c, undefined), "invalid");
    }
    const context = await loadUnsubscribeContext(db, token.workspaceId, token.email);
    if (!context) return errorPage(c, 404, pageLocale(c, undefined), "invalid");
    c.header("cache-control", "no-store");
    setPageCsp(c, context.frameAncestors);
    const locale =
      context.contactLocale ?? localeFromHeader(c.req.header("accept-language"), context.defaultLocale);
    return handle({ token, context, locale });
  };

  const render = (c: Context, l: Loaded, state: UnsubscribeState, reason?: SuppressionReason | null) =>
    c.html(
      unsubscribePage({
        locale: l.locale,
        brand: l.context.brand,
        email: l.token.email,
        state,
        reason,
        action: `/u/${c.req.param("token")}`,
        formToken: signFormToken(secret, formSubject(l.token), deps.clock.now()),
      }),
    );

  const unsubscribe = (l: Loaded, how: string) =>
    suppress(db, l.token.workspaceId, {
      email: l.token.email,
      reason: "unsubscribed",
      source: sourceOf(how, l.token),
    });

  return new Hono()
    .use(framedByNobody)
    .get("/:token", (c) =>
      withToken(c, async (l) =>
        render(c, l, l.context.suppressed ? "already" : "confirm", l.context.suppressed),
      ),
    )
    .post("/:token", (c) =>
      withToken(c, async (l) => {
        const form = await formFields(c).catch(() => ({}) as Record<string, unknown>);
        // RFC 8058: the mail client posts this exact pair and expects a 2xx, not a redirect.
        if (form["List-Unsubscribe"] === "One-Click") {
          const stored = await unsubscribe(l, "one-click");
          return render(c, l, "done", stored.reason);
        }
        const ft = typeof form.ft === "string" ? form.ft : "";
        if (!verifyFormToken(secret, formSubject(l.token), ft, deps.clock.now()))
          return errorPage(c, 403, l.locale, "form", l.context.brand);
        if (form.do === "resubscribe") {
          const ws = l.token.workspaceId;
          // Lifts only the person's own unsubscribe, never a bounce or complaint recorded since.
          const lifted = await unsuppress(db, ws, l.token.email, { onlyReason: "unsubscribed" });
          const still = lifted ? undefined : await getSuppression(db, ws, l.token.email);
          return still ? render(c, l, "already", still.reason) : render(c, l, "resubscribed");
        }
        const stored = await unsubscribe(l, "unsubscribe page");
        return render(c, l, "done", stored.reason);
      }),
    );
}
