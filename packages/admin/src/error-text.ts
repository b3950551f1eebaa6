// A failure said in the reader's language, by its HTTP status: the server's problem+json words are
// English, so they are only ever shown beside ours, as a detail.
import { ApiError } from "./api/client.ts";
import type { Translate } from "./i18n/i18n.tsx";

export type ErrorKey =
  | "error.network"
  | "error.invalid"
  | "error.unauthorized"
  | "error.forbidden"
  | "error.notFound"
  | "error.conflict"
  | "error.tooLarge"
  | "error.tooMany"
  | "error.server"
  | "error.unexpected";

const byStatus: Record<number, ErrorKey> = {
  0: "error.network",
  400: "error.invalid",
  401: "error.unauthorized",
  403: "error.forbidden",
  404: "error.notFound",
  409: "error.conflict",
  413: "error.tooLarge",
  422: "error.invalid",
  429: "error.tooMany",
};

export function errorKey(error: unknown): ErrorKey {
  if (!(error instanceof ApiError)) return "error.unexpected";
  return byStatus[error.status] ?? (error.status >= 500 ? "error.server" : "error.unexpected");
}

/** One sentence for any failure, in the reader's language. */
export const errorText = (t: Translate<never>, error: unknown): string => t(errorKey(error));

/** What the server (or the browser) said, in its own words: a secondary detail, if there is one. */
export function errorDetail(error: unknown): string | undefined {
  // A 401's words are about API keys, which would mislead a signed-out admin: ours say it all.
  if (error instanceof ApiError) return error.status === 401 ? undefined : error.detail;
  if (error instanceof Error) return error.message || undefined;
  return error === undefined || error === null ? undefined : String(error);
}

/**
 * Whether a page's code could not be loaded: after an upgrade the old chunks are gone. Browsers word it
 * differently (Chrome, Firefox, Safari; Vite's CSS preload).
 */
export const isStaleChunk = (error: unknown): boolean =>
  error instanceof Error &&
  /dynamically imported module|Importing a module script failed|Unable to preload CSS/i.test(error.message);
