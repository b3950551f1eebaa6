// Making untrusted text, URLs and colours safe to put into the HTML part of an email.

const entities: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Escapes text for element content and for quoted attribute values alike. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => entities[c] ?? c);
}

/**
 * The URL, normalised, when it is an absolute http(s) URL; else undefined. Anything else (javascript:,
 * data:, relative paths) must never become a link or an image in an email.
 */
export function httpUrl(value: string | undefined): string | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value.trim());
    return url.protocol === "https:" || url.protocol === "http:" ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** The colour as lower-case #rrggbb when it is one, else the fallback (never raw CSS from a user). */
export function hexColor(value: string | undefined, fallback: string): string {
  return value && /^#[0-9a-f]{6}$/i.test(value.trim()) ? value.trim().toLowerCase() : fallback;
}

/** A mailto: URL for a plain email address, else undefined (the address is then shown as text only). */
export function mailtoUrl(address: string): string | undefined {
  return /^[^\s@<>"'()[\]\\,;:]+@[^\s@<>"'()[\]\\,;:]+\.[a-z]{2,}$/i.test(address.trim())
    ? `mailto:${address.trim()}`
    : undefined;
}
