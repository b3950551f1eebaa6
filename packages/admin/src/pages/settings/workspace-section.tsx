// A settings tab whose forms edit the workspace (Branding, Embedding): it loads the workspace once, says
// whether the signed-in user may change it, and keeps the one a form saved, so every form on the tab starts
// from what the server kept while the others keep what is being typed in them.
import { useState, type ReactNode } from "react";
import { useGet } from "../../api/hooks.ts";
import type { CurrentWorkspace as Workspace } from "../../api/types.ts";
import { useSignedIn } from "../../session.tsx";
import { Loaded } from "../../ui/states.tsx";
import { canEditWorkspace } from "./roles.ts";

/** What each form on such a tab is given. */
export interface WorkspaceFormProps {
  workspace: Workspace;
  editable: boolean;
  onSaved: (ws: Workspace) => void;
}

export function WorkspaceSection({ children }: { children: (props: WorkspaceFormProps) => ReactNode }) {
  const loaded = useGet("/api/v1/workspace");
  const editable = canEditWorkspace(useSignedIn().user.role);
  const [saved, setSaved] = useState<Workspace>();
  return (
    <Loaded {...loaded}>
      {(fetched) => children({ workspace: saved ?? fetched, editable, onSaved: setSaved })}
    </Loaded>
  );
}
