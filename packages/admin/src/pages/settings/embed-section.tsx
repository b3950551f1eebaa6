// Embedding tab: the sites that may show survey pages in a frame (the pages' CSP frame-ancestors,
// docs/SURVEY-PAGES.md) beside the code that embeds a survey. Owners and admins change the list; everyone
// else sees it read-only.
import type { Workspace } from "../../../../server/src/domain/workspaces/workspace-settings.ts";
import { useState } from "react";
import { useApi } from "../../api.ts";
import { useSignedIn } from "../../session.tsx";
import { Loaded } from "../../ui/states.tsx";
import { EmbedCode } from "./embed-code.tsx";
import { EmbedForm } from "./embed-form.tsx";
import { canEditWorkspace } from "./roles.ts";
import "./embed.css";

export function EmbedSection() {
  const loaded = useApi<Workspace>("/workspace");
  const editable = canEditWorkspace(useSignedIn().user.role);
  // The saved list, so the code card knows at once whether any site may embed.
  const [saved, setSaved] = useState<Workspace>();
  return (
    <Loaded {...loaded}>
      {(fetched) => {
        const ws = saved ?? fetched;
        return (
          <div className="embed-layout">
            <EmbedForm workspace={ws} editable={editable} onSaved={setSaved} />
            <EmbedCode allowed={ws.settings.embed.origins.length > 0} />
          </div>
        );
      }}
    </Loaded>
  );
}
