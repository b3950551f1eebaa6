// POSTs a preview request a moment after the form stops changing (typing must not fire a request per
// key), keeps showing the last answer while the next is on its way, and drops answers that came too late.
import { useEffect, useRef, useState } from "react";
import { api } from "../../../api.ts";

export interface Preview<T> {
  data: T | undefined;
  error: Error | undefined;
  updating: boolean;
}

/** `body` null: nothing to ask yet. */
export function usePreview<T>(path: string, body: unknown, delayMs = 400): Preview<T> {
  const [state, setState] = useState<Preview<T>>({ data: undefined, error: undefined, updating: true });
  const key = JSON.stringify(body);
  const first = useRef(true);
  useEffect(() => {
    if (key === "null") {
      setState({ data: undefined, error: undefined, updating: false });
      return;
    }
    const abort = new AbortController();
    setState((s) => ({ ...s, updating: true }));
    // The first preview is asked at once, so the panel does not start empty.
    const wait = first.current ? 0 : delayMs;
    first.current = false;
    const timer = setTimeout(() => {
      api<T>(path, { method: "POST", body: JSON.parse(key) as unknown, signal: abort.signal }).then(
        (data) => setState({ data, error: undefined, updating: false }),
        (error: Error) => {
          if (error.name !== "AbortError") setState((s) => ({ ...s, error, updating: false }));
        },
      );
    }, wait);
    return () => {
      clearTimeout(timer);
      abort.abort();
    };
  }, [path, key, delayMs]);
  return state;
}
