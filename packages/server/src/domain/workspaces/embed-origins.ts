// The sites that may show a workspace's survey pages in a frame: the pages' CSP `frame-ancestors`
// (docs/SURVEY-PAGES.md). Only https origins — a host name, optionally `*.` for its subdomains, and a
// port — so nothing typed here can become a path, a scheme, a keyword or a bare `*` in the header.
import { z } from "zod";

export const MAX_EMBED_ORIGINS = 20;

const label = "[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?";
const hostName = new RegExp(`^(?=.{1,253}$)(?:${label}\\.)*${label}$`);
const ipV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;

/** The origin as the header spells it (lower case, no default port, no trailing slash), or undefined. */
export function normaliseEmbedOrigin(input: string): string | undefined {
  const m = /^https:\/\/(\*\.)?([^/?#@\\\s*]+)\/?$/i.exec(input.trim());
  if (!m?.[2]) return undefined;
  let url: URL;
  try {
    url = new URL(`https://${m[2]}`); // lower-cases, turns a Japanese domain into its punycode
  } catch {
    return undefined;
  }
  if (!hostName.test(url.hostname)) return undefined;
  if (m[1]) {
    // `*.com` would let every .com site frame the pages: a wildcard needs a domain under it.
    if (ipV4.test(url.hostname) || !url.hostname.includes(".")) return undefined;
  }
  return `https://${m[1] ?? ""}${url.host}`;
}

const embedOrigin = z
  .string()
  .max(300)
  .transform((s, ctx) => {
    const origin = normaliseEmbedOrigin(s);
    if (origin) return origin;
    ctx.addIssue({
      code: "custom",
      message:
        "must be an https origin such as https://www.example.com (no path; *.example.com for its subdomains)",
    });
    return z.NEVER;
  });

/** The allow-list as a PATCH gives it: each origin checked and normalised, duplicates dropped. */
export const embedOrigins = z
  .array(embedOrigin)
  .max(MAX_EMBED_ORIGINS)
  .transform((list) => [...new Set(list)]);

/** The stored list's valid origins: a bad stored value is left out, never put into a header. */
export function embedOriginsOf(stored: unknown): string[] {
  if (!Array.isArray(stored)) return [];
  const valid = stored
    .map((s) => (typeof s === "string" ? normaliseEmbedOrigin(s) : undefined))
    .filter((s): s is string => s !== undefined);
  return [...new Set(valid)].slice(0, MAX_EMBED_ORIGINS);
}
