// The server's validation errors (problem+json `errors: [{path, message}]`) in the admin's language,
// each found by the field that shows it. The server speaks English; the common zod messages are
// recognised and said in our words, anything else is shown as the server wrote it.
import { ApiError } from "../../api/client.ts";
import type { Translate } from "../../i18n/i18n.tsx";
import type { surveyMessages } from "./messages.ts";

type T = Translate<keyof typeof surveyMessages.en>;

export function sayFieldError(message: string, t: T): string {
  if (/at least one locale/.test(message)) return t("err.oneLocale");
  if (/http\(s\) URL|Invalid URL/i.test(message)) return t("err.url");
  const long = /Too big: expected string to have <=\s*(\d+)/.exec(message);
  if (long) return t("err.tooLong", { max: long[1] ?? "" });
  if (/Too small: expected string|must not be blank/.test(message)) return t("err.required");
  if (/expected (number|int)|Too (small|big): expected number/i.test(message))
    return t("err.number", { min: 0, max: 3650 });
  return message;
}

export interface FieldErrors {
  /** The message for a field (or any field inside it), in the admin's language. */
  at: (path: string) => string | undefined;
  /** Errors no field claimed, for the summary at the top of the form. */
  rest: (placed: string[]) => string[];
  any: boolean;
}

export function fieldErrors(error: unknown, t: T): FieldErrors {
  const list = error instanceof ApiError ? (error.problem.errors ?? []) : [];
  const under = (path: string, placed: string) => path === placed || path.startsWith(`${placed}.`);
  return {
    at: (path) => {
      const hit = list.find((e) => under(e.path, path));
      return hit && sayFieldError(hit.message, t);
    },
    rest: (placed) =>
      list
        .filter((e) => !placed.some((p) => under(e.path, p)))
        .map((e) => `${e.path}: ${sayFieldError(e.message, t)}`),
    any: list.length > 0,
  };
}
