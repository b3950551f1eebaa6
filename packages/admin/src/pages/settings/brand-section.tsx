// Branding tab: the brand (name, logo, colour, with a live preview) and the email sender, two forms on
// the one workspace. Owners and admins change them; everyone else sees them read-only.
import { useState } from "react";
import type { Workspace } from "../../../../server/src/domain/workspaces/workspace-settings.ts";
import { useApi } from "../../api.ts";
import { useT } from "../../i18n/i18n.tsx";
import { useSignedIn } from "../../session.tsx";
import { Loaded } from "../../ui/states.tsx";
import { BrandForm } from "./brand-form.tsx";
import { mergeMessages } from "./merge-messages.ts";
import { brandMessages, settingsMessages } from "./messages.ts";
import { canEditWorkspace } from "./roles.ts";
import { SenderForm } from "./sender-form.tsx";
import "./brand.css";

const messages = mergeMessages(settingsMessages, brandMessages);

export function BrandSection() {
  const t = useT(messages);
  const loaded = useApi<Workspace>("/workspace");
  const editable = canEditWorkspace(useSignedIn().user.role);
  // A saved form hands back the workspace; the other form keeps what is being typed in it.
  const [saved, setSaved] = useState<Workspace>();
  return (
    <Loaded {...loaded}>
      {(fetched) => {
        const ws = saved ?? fetched;
        return (
          <div className="stack">
            {!editable && <p className="settings-note">{t("form.readOnly")}</p>}
            <BrandForm workspace={ws} editable={editable} onSaved={setSaved} />
            <SenderForm workspace={ws} editable={editable} onSaved={setSaved} />
          </div>
        );
      }}
    </Loaded>
  );
}
