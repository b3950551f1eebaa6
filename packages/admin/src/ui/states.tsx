// Loading, failure and emptiness, said the same way on every page.
import type { ReactNode } from "react";
import { errorDetail, errorText } from "../error-text.ts";
import { useT } from "../i18n/i18n.tsx";

export function Loading() {
  const t = useT();
  return (
    <div className="state" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {t("state.loading")}
    </div>
  );
}

/** The server's (English) words for a failure, small under ours; nothing when it gave none. */
export function ErrorDetail({ error }: { error: unknown }) {
  const detail = errorDetail(error);
  return detail ? (
    <span className="error-detail" lang="en">
      {detail}
    </span>
  ) : null;
}

export function ErrorNote({
  error,
  retry,
  retrying = false,
}: {
  error: unknown;
  retry?: (() => void) | undefined;
  /** The retry is on its way: the button says so and waits. */
  retrying?: boolean;
}) {
  const t = useT();
  return (
    <div className="state state-error" role="alert">
      <span>
        {t("state.error", { message: errorText(t, error) })}
        <ErrorDetail error={error} />
      </span>
      {retry && (
        <button type="button" className="button button-small" onClick={retry} disabled={retrying}>
          {retrying && <span className="spinner" aria-hidden="true" />}
          {t(retrying ? "state.retrying" : "state.retry")}
        </button>
      )}
    </div>
  );
}

export function Empty({ children }: { children?: ReactNode }) {
  const t = useT();
  return <div className="state state-empty">{children ?? t("state.empty")}</div>;
}

/**
 * Renders `children(data)` once loaded, else the matching state. While a new answer is on its way the
 * shown one is dimmed and marked busy (its wrapper has no box, so grids keep their items); a failed
 * refetch that kept its data shows the failure above it.
 */
export function Loaded<T>({
  data,
  error,
  loading = false,
  reload,
  children,
}: {
  data: T | undefined;
  error: Error | undefined;
  loading?: boolean;
  reload?: () => void;
  children: (data: T) => ReactNode;
}) {
  const note = error && <ErrorNote error={error} retry={reload} retrying={loading} />;
  if (data === undefined) return note || <Loading />;
  return (
    <>
      {note}
      <div className={loading ? "loaded loaded-stale" : "loaded"} aria-busy={loading || undefined}>
        {children(data)}
      </div>
    </>
  );
}
