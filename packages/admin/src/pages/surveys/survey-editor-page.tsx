// Not built yet (issue #5): replaced by the page itself.
import type { PageProps } from "../../routes.ts";
import { useT } from "../../i18n/i18n.tsx";

export default function Page(_props: PageProps) {
  const t = useT();
  return <div className="state">{t("state.empty")}</div>;
}
