// The Content-Security-Policy of the public pages (/r/, /s/, /u/ and their error pages). They load
// nothing from elsewhere: the one inline script is allowed by its hash, styles are inline, the confirm
// fetch and the forms go to this server, images (a brand's logo) from any https address. Who may frame a
// page is the workspace's allow-list (settings.embed.origins); nobody when it is empty or unknown.
import type { Context, MiddlewareHandler } from "hono";
import { surveyScriptHash } from "../pages/survey-script.ts";

const fixed = [
  "default-src 'none'",
  `script-src ${surveyScriptHash}`,
  // Inline <style> and style attributes (grid sizes, the brand's colour); everything shown is escaped.
  "style-src 'unsafe-inline'",
  "img-src https:",
  "connect-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
].join("; ");

export function pageCsp(frameAncestors: readonly string[]): string {
  const ancestors = frameAncestors.length > 0 ? frameAncestors.join(" ") : "'none'";
  return `${fixed}; frame-ancestors ${ancestors}`;
}

/** Sets the page's policy; X-Frame-Options too when nobody may frame it (browsers without CSP level 2). */
export function setPageCsp(c: Context, frameAncestors: readonly string[]): void {
  c.header("content-security-policy", pageCsp(frameAncestors));
  c.header("x-frame-options", frameAncestors.length > 0 ? undefined : "DENY");
}

/** Until a page knows its workspace (a bad link never does), nobody may frame it. */
export const framedByNobody: MiddlewareHandler = async (c, next) => {
  setPageCsp(c, []);
  await next();
};

/** For a page answered before any route ran (the rate limit's): the strict policy unless one is set. */
export function withPageCsp(res: Response): Response {
  if (!res.headers.has("content-security-policy")) {
    res.headers.set("content-security-policy", pageCsp([]));
    res.headers.set("x-frame-options", "DENY");
  }
  return res;
}
