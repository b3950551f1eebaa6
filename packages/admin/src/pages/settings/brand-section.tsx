// Branding tab: the brand (name, logo, colour, with a live preview) and the email sender, two forms on
// the one workspace. Owners and admins change them; everyone else sees them read-only.
import { useT } from "../../i18n/i18n.tsx";
import { BrandForm } from "./brand-form.tsx";
import { mergeMessages } from "./merge-messages.ts";
import { brandMessages, settingsMessages } from "./messages.ts";
import { SenderForm } from "./sender-form.tsx";
import { WorkspaceSection } from "./workspace-section.tsx";
import "./brand.css";

const messages = mergeMessages(settingsMessages, brandMessages);

export function BrandSection() {
  const t = useT(messages);
  return (
    <WorkspaceSection>
      {(props) => (
        <div className="stack">
          {!props.editable && <p className="settings-note">{t("form.readOnly")}</p>}
          <BrandForm {...props} />
          <SenderForm {...props} />
        </div>
      )}
    </WorkspaceSection>
  );
}
