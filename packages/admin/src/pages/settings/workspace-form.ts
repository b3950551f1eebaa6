// A form over part of the workspace (brand, sender, fatigue rules): what was loaded, what is being typed,
// and a save that PATCHes only the changed fields. After a save the form shows what the server kept, and
// the next save compares against that, so a field saved once is not sent again.
import { useState } from "react";
import { client, ok } from "../../api/client.ts";
import type { CurrentWorkspace as Workspace } from "../../api/types.ts";
import { changedFields, useForm, type Check, type FormState } from "./form-state.ts";

export interface WorkspaceForm<K extends string> {
  form: FormState;
  values: Record<K, string>;
  set: (key: K, value: string) => void;
  /** Runs the checks, then PATCHes `body(changed)`; resolves to the saved workspace, else undefined. */
  save: (
    checks: Record<string, Check>,
    body: (changed: Partial<Record<K, string | null>>) => object,
  ) => Promise<Workspace | undefined>;
}

export function useWorkspaceForm<K extends string>(
  workspace: Workspace,
  valuesOf: (ws: Workspace) => Record<K, string>,
): WorkspaceForm<K> {
  const form = useForm();
  const [loaded, setLoaded] = useState(() => valuesOf(workspace));
  const [values, setValues] = useState(loaded);
  const set = (key: K, value: string) => {
    form.edited();
    setValues((v) => ({ ...v, [key]: value }));
  };
  const save: WorkspaceForm<K>["save"] = async (checks, body) => {
    const changed = changedFields(loaded, values);
    const ws = await form.submit(checks, () =>
      ok(client.PATCH("/api/v1/workspace", { body: body(changed) })),
    );
    if (!ws) return undefined;
    const next = valuesOf(ws);
    setLoaded(next);
    setValues(next);
    return ws;
  };
  return { form, values, set, save };
}
