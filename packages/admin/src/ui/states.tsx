// Loading, failure and emptiness, said the same way on every page.
import type { ReactNode } from "react";
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

export function ErrorNote({ error, retry }: { error: Error; retry?: () => void }) {
  const t = useT();
  return (
    <div className="state state-error" role="alert">
      {t("state.error", { message: error.message })}
      {retry && (
        <button type="button" className="button button-small" onClick={retry}>
          {t("state.retry")}
        </button>
      )}
    </div>
  );
}

export function Empty({ children }: { children?: ReactNode }) {
  const t = useT();
  return <div className="state state-empty">{children ?? t("state.empty")}</div>;
}

/** Renders `children(data)` once loaded, else the matching state. */
export function Loaded<T>({
  data,
  error,
  reload,
  children,
}: {
  data: T | undefined;
  error: Error | undefined;
  reload?: () => void;
  children: (data: T) => ReactNode;
}) {
  if (error) return <ErrorNote error={error} {...(reload ? { retry: reload } : {})} />;
  if (data === undefined) return <Loading />;
  return <>{children(data)}</>;
}
