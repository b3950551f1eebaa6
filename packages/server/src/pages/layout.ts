// The shell of every public page: no external resource, small inline CSS, mobile first.
import { html, raw } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";
import type { Brand, Brands } from "../domain/workspaces/brand.ts";

export type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

const css = `
*{box-sizing:border-box}
body{margin:0;background:#f4f5f7;color:#1f2328;font:16px/1.6 system-ui,-apple-system,"Segoe UI","Hiragino Sans","Noto Sans JP","Noto Sans CJK JP","Yu Gothic",Meiryo,sans-serif;word-break:auto-phrase}
main{max-width:40rem;margin:0 auto;padding:1.25rem 1rem 3rem}
.card{background:#fff;border-radius:12px;box-shadow:0 1px 3px rgba(0,0,0,.08);padding:1.5rem 1.25rem;border-top:4px solid var(--brand)}
.brand{display:flex;align-items:center;gap:.6rem;font-weight:700;color:#4b5563;margin:0 0 1rem;font-size:.95rem}
.brand img{display:block;max-height:2.5rem;max-width:10rem;width:auto;height:auto}
h1{font-size:1.3rem;line-height:1.45;margin:0 0 1.25rem}
fieldset{border:0;margin:0 0 1.25rem;padding:0}
legend{font-weight:600;margin-bottom:.5rem;padding:0}
.scores{display:grid;grid-template-columns:repeat(var(--n),1fr);gap:.3rem}
.scores input{position:absolute;opacity:0;width:1px;height:1px}
.scores label{display:flex;align-items:center;justify-content:center;min-height:2.75rem;border-radius:8px;font-weight:700;cursor:pointer;border:2px solid transparent}
.s-low{background:#fde8e8;color:#9b1c1c}.s-mid{background:#fdf6b2;color:#723b13}.s-high{background:#def7ec;color:#03543f}.s-any{background:#e5edff;color:#1e429f}
.scores input:checked+label{outline:3px solid #1f2328;outline-offset:1px}
.scores input:focus-visible+label{outline:3px solid #1a56db;outline-offset:2px}
.ends{display:flex;justify-content:space-between;font-size:.85rem;color:#4b5563;margin-top:.35rem}
textarea{width:100%;min-height:7rem;font:inherit;padding:.6rem;border:1px solid #9ca3af;border-radius:8px}
.choices label{display:flex;gap:.6rem;align-items:flex-start;padding:.4rem 0}
.choices input{flex:none;width:1.15rem;height:1.15rem;margin:.25rem 0 0;accent-color:#1a56db}
h1,#koe-details>p:first-child{text-wrap:balance}
p,label{text-wrap:pretty}
a{color:#1a56db}
p>a:not(.cta){display:inline-block}
.hint{font-size:.85rem;color:#4b5563}
button{font:inherit;font-weight:700;border:0;border-radius:8px;padding:.75rem 1.5rem;background:var(--brand);color:var(--on-brand);cursor:pointer;min-height:2.75rem}
button.secondary{background:#e5e7eb;color:#1f2328}
button:focus-visible,a:focus-visible{outline:3px solid #1f2328;outline-offset:2px}
.cta{display:inline-block;margin-top:1rem;padding:.7rem 1.2rem;border-radius:8px;background:var(--brand);color:var(--on-brand);text-decoration:none;font-weight:700}
.notice{background:#fdf6b2;color:#723b13;border-radius:8px;padding:.6rem .8rem}
.purpose{font-size:.8rem;color:#4b5563;margin-top:1.5rem}
[hidden]{display:none!important}
.ribbon{position:sticky;top:0;z-index:1;margin:0;padding:.4rem 1rem;background:#1f2328;color:#fff;font-weight:700;font-size:.9rem;text-align:center}
@media (max-width:30rem){.scores.n11{grid-template-columns:repeat(6,1fr)}}
`;

export function layout(opts: {
  lang: "ja" | "en";
  title: string;
  body: Html;
  script?: string;
  /** A band across the top, e.g. marking an admin's preview. */
  ribbon?: string | undefined;
  /** The workspace's brand: its colour on the card's edge and the buttons. */
  brand?: Brand | undefined;
}): Html {
  // #rrggbb only (brand.ts validates both), so nothing typed by a user reaches the CSS.
  const colours = `:root{--brand:${opts.brand?.color ?? "#1a56db"};--on-brand:${opts.brand?.onColor ?? "#fff"}}`;
  return html`<!doctype html>
    <html lang="${opts.lang}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width,initial-scale=1" />
        <meta name="robots" content="noindex,nofollow" />
        <meta name="referrer" content="no-referrer" />
        <title>${opts.title}</title>
        <style>
          ${raw(css + colours)}
        </style>
      </head>
      <body>
        ${opts.ribbon ? html`<p class="ribbon" role="note">${opts.ribbon}</p>` : ""}
        <main>${opts.body}</main>
        ${opts.script ? raw(`<script>${opts.script}</script>`) /* byte for byte: its CSP hash */ : ""}
      </body>
    </html>`;
}

/** The brand's line atop a page: the logo (https only, as the pages' CSP allows) and the name. */
export const brandHeader = (brand: Brand): Html =>
  html`<p class="brand">
    ${brand.logoUrl?.startsWith("https://") ? html`<img src="${brand.logoUrl}" alt="" />` : ""}<span
      >${brand.name}</span
    >
  </p>`;

export function messagePage(lang: "ja" | "en", title: string, text: string, brands?: Brands): Html {
  const brand = brands?.[lang];
  return layout({
    lang,
    title,
    brand,
    body: html`<div class="card">
      ${brand ? brandHeader(brand) : ""}
      <h1>${title}</h1>
      <p>${text}</p>
    </div>`,
  });
}
