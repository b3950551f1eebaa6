// What a settings form goes through: checked here first (in the reader's language), then saving, then
// saved or the server's refusal. What the person typed is never reset by a failure.
import { useCallback, useState } from "react";
import { ApiError } from "../../api/client.ts";

/** A field's problem as a message key of the settings section, with its placeholders. */
export type Check = { key: CheckKey; params?: Record<string, string | number> } | undefined;
export type CheckKey =
  | "check.required"
  | "check.tooLong"
  | "check.email"
  | "check.url"
  | "check.color"
  | "check.days"
  | "check.time"
  | "check.password"
  | "check.origin";

export interface FormState {
  saving: boolean;
  /** Set after a save succeeded, cleared by the next edit. */
  ok: boolean;
  error: Error | undefined;
  checks: Record<string, Check>;
  /** Runs `send` unless a check fails; resolves to its result, or undefined when it did not succeed. */
  submit: <T>(checks: Record<string, Check>, send: () => Promise<T>) => Promise<T | undefined>;
  /** Call on every edit: the success note no longer describes what is on screen. */
  edited: () => void;
}

export function useForm(): FormState {
  const [state, setState] = useState<{
    saving: boolean;
    ok: boolean;
    error?: Error;
    checks: Record<string, Check>;
  }>({ saving: false, ok: false, checks: {} });
  const submit = useCallback(async <T>(checks: Record<string, Check>, send: () => Promise<T>) => {
    const failed = Object.fromEntries(Object.entries(checks).filter(([, c]) => c !== undefined));
    if (Object.keys(failed).length > 0) {
      setState({ saving: false, ok: false, checks: failed });
      return undefined;
    }
    setState({ saving: true, ok: false, checks: {} });
    try {
      const result = await send();
      setState({ saving: false, ok: true, checks: {} });
      return result;
    } catch (e) {
      setState({
        saving: false,
        ok: false,
        checks: {},
        error: e instanceof Error ? e : new Error(String(e)),
      });
      return undefined;
    }
  }, []);
  const edited = useCallback(() => setState((s) => (s.ok ? { ...s, ok: false } : s)), []);
  return { saving: state.saving, ok: state.ok, error: state.error, checks: state.checks, submit, edited };
}

/** The server's message for a field (problem+json `errors`), when it refused one. */
export const serverFieldError = (form: FormState, path: string): string | undefined =>
  form.error instanceof ApiError ? form.error.field(path) : undefined;

// Checks mirroring the server's schemas, so most mistakes are explained before a round trip.
const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const checkText = (value: string, { required = false, max = 100 } = {}): Check => {
  if (required && value.trim() === "") return { key: "check.required" };
  if (value.length > max) return { key: "check.tooLong", params: { max } };
  return undefined;
};
export const checkEmail = (value: string, required = false): Check =>
  value.trim() === ""
    ? required
      ? { key: "check.required" }
      : undefined
    : emailPattern.test(value.trim())
      ? undefined
      : { key: "check.email" };
export const checkUrl = (value: string): Check =>
  value.trim() === "" || /^https?:\/\/\S+$/i.test(value.trim()) ? undefined : { key: "check.url" };
export const checkColor = (value: string): Check =>
  /^#[0-9a-f]{6}$/i.test(value) ? undefined : { key: "check.color" };
export const checkDays = (value: string): Check =>
  /^\d{1,4}$/.test(value) && Number(value) <= 3650 ? undefined : { key: "check.days" };
export const checkTime = (value: string): Check =>
  /^([01]\d|2[0-3]):[0-5]\d$/.test(value) ? undefined : { key: "check.time" };
export const checkPassword = (value: string): Check =>
  value.length >= 8 ? undefined : { key: "check.password" };
/** A site that may embed survey pages: https, a host (optionally `*.` and a domain), a port; no path. */
export const checkOrigin = (value: string): Check => {
  const m = /^https:\/\/(\*\.)?([^\s/?#@*:\\]+)(:\d{1,5})?\/?$/i.exec(value.trim());
  return m && (!m[1] || m[2]!.includes(".")) ? undefined : { key: "check.origin" };
};

/**
 * The fields that differ from what was loaded, an emptied one as null (the server's default). Sending
 * only these keeps a default a default: a brand name left alone still follows the workspace's name.
 */
export function changedFields<K extends string>(
  loaded: Record<K, string>,
  current: Record<K, string>,
): Partial<Record<K, string | null>> {
  const out: Partial<Record<K, string | null>> = {};
  for (const key of Object.keys(current) as K[]) {
    const value = current[key].trim();
    if (value !== loaded[key]) out[key] = value === "" ? null : value;
  }
  return out;
}
