// POSTs a preview request a moment after the form stops changing (typing must not fire a request per
// key), keeps showing the last answer while the next is on its way, and drops answers that came too late.
import { useEffect, useRef, useState } from "react";
import { client, ok } from "../../../api/client.ts";
import type { paths } from "../../../api/schema.gen.ts";

type PreviewPath = "/api/v1/surveys/preview" | "/api/v1/surveys/preview-email";
type Post<P extends PreviewPath> = paths[P]["post"];
/** What a preview operation takes and answers. */
export type PreviewBody<P extends PreviewPath> = Post<P>["requestBody"]["content"]["application/json"];
type PreviewAnswer<P extends PreviewPath> = Post<P>["responses"][200]["content"]["application/json"];

export interface Preview<T> {
  data: T | undefined;
  error: Error | undefined;
  updating: boolean;
}

/** `body` null: nothing to ask yet. */
export function usePreview<P extends PreviewPath>(
  path: P,
  body: PreviewBody<P> | null,
  delayMs = 400,
): Preview<PreviewAnswer<P>> {
  type T = PreviewAnswer<P>;
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
      // The body as of `key`: an equal object made again by a render is the same request.
      const asked = JSON.parse(key) as PreviewBody<P>;
      ok<T>(client.POST(path, { body: asked, signal: abort.signal } as never)).then(
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
