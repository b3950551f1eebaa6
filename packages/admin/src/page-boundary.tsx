// Catches what a page throws while rendering, and its code failing to load (after an upgrade an open tab
// asks for chunks that are gone), so the frame and navigation stay. Another route starts afresh.
import { Component, type ReactNode } from "react";
import { isStaleChunk } from "./error-text.ts";
import { useT } from "./i18n/i18n.tsx";
import { ErrorDetail } from "./ui/states.tsx";

interface Props {
  /** The route (path and query): a new one clears the failure. */
  resetKey: string;
  children: ReactNode;
}

interface State {
  error: unknown;
  failed: boolean;
  key: string;
}

export class PageBoundary extends Component<Props, State> {
  override state: State = { error: undefined, failed: false, key: this.props.resetKey };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error, failed: true };
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    return props.resetKey === state.key ? null : { error: undefined, failed: false, key: props.resetKey };
  }

  override render() {
    return this.state.failed ? <PageFailed error={this.state.error} /> : this.props.children;
  }
}

function PageFailed({ error }: { error: unknown }) {
  const t = useT();
  return (
    <div className="state state-error page-failed" role="alert">
      <span>
        {t(isStaleChunk(error) ? "page.updated" : "page.failed")}
        <ErrorDetail error={error} />
      </span>
      <button type="button" className="button button-small" onClick={() => location.reload()}>
        {t("page.reload")}
      </button>
    </div>
  );
}
