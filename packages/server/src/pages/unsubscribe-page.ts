// The unsubscribe page: a confirm button (a GET never unsubscribes: mail scanners open every link),
// then the outcome, with a way back only when the person unsubscribed themselves.
import { html } from "hono/html";
import type { SuppressionReason } from "../db/schema.ts";
import { t, type Locale } from "../i18n/messages.ts";
import type { Brands } from "../domain/workspaces/brand.ts";
import { brandHeader, layout, type Html } from "./layout.ts";

export type UnsubscribeState = "confirm" | "done" | "already" | "resubscribed";

/** ta***@example.com: enough for the person to recognise, not enough for whoever the link was forwarded to. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf("@");
  const local = Array.from(email.slice(0, at));
  const shown = Math.max(1, Math.min(2, Math.floor(local.length / 2)));
  return `${local.slice(0, shown).join("")}***${email.slice(at)}`;
}

export function unsubscribePage(p: {
  locale: Locale;
  brand: Brands;
  email: string;
  state: UnsubscribeState;
  /** The suppression's reason in the done and already states. */
  reason?: SuppressionReason | null | undefined;
  action: string;
  formToken: string;
}): Html {
  const { locale } = p;
  const brand = p.brand[locale];
  const vars = { brand: brand.name, email: maskEmail(p.email) };
  const button = (op: "unsubscribe" | "resubscribe", label: string, secondary: boolean) =>
    html`<form method="post" action="${p.action}">
      <input type="hidden" name="ft" value="${p.formToken}" />
      <input type="hidden" name="do" value="${op}" />
      <button type="submit" ${secondary ? html`class="secondary"` : ""}>${label}</button>
    </form>`;
  const titles = {
    confirm: t(locale, "unsubscribe.confirm.title", vars),
    done: t(locale, "unsubscribe.done.title"),
    already: t(locale, "unsubscribe.already.title"),
    resubscribed: t(locale, "unsubscribe.resubscribed.title"),
  } as const;
  const title = titles[p.state];
  let content: Html;
  if (p.state === "confirm") {
    content = html`<p>${t(locale, "unsubscribe.confirm.body", vars)}</p>
      ${button("unsubscribe", t(locale, "unsubscribe.confirm.button"), false)}`;
  } else if (p.state === "resubscribed") {
    content = html`<p>${t(locale, "unsubscribe.resubscribed.body", vars)}</p>
      ${button("unsubscribe", t(locale, "unsubscribe.confirm.button"), true)}`;
  } else {
    // Bounces, complaints and manual entries are not the person's to lift from a link.
    const undo =
      p.reason === "unsubscribed"
        ? html`<p class="hint">${t(locale, "unsubscribe.undo.hint")}</p>
            ${button("resubscribe", t(locale, "unsubscribe.undo.button"), true)}`
        : "";
    content = html`<p>${t(locale, "unsubscribe.done.body", vars)}</p>
      ${undo}`;
  }
  const body = html`<div class="card">
    ${brandHeader(brand)}
    <h1>${title}</h1>
    ${content}
  </div>`;
  return layout({ lang: locale, title, body, brand });
}
