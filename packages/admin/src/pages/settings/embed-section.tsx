// Embedding tab: the sites that may show survey pages in a frame (the pages' CSP frame-ancestors,
// docs/SURVEY-PAGES.md) beside the code that embeds a survey. Owners and admins change the list; everyone
// else sees it read-only.
import { EmbedCode } from "./embed-code.tsx";
import { EmbedForm } from "./embed-form.tsx";
import { WorkspaceSection } from "./workspace-section.tsx";
import "./embed.css";

export function EmbedSection() {
  return (
    <WorkspaceSection>
      {(props) => (
        <div className="embed-layout">
          <EmbedForm {...props} />
          {/* The saved list, so the code card knows at once whether any site may embed. */}
          <EmbedCode allowed={props.workspace.settings.embed.origins.length > 0} />
        </div>
      )}
    </WorkspaceSection>
  );
}
