// A settings card whose form has a live preview beside it (the brand, the email sender), so a change is
// seen before it is saved: the fields, the note on the save and the save button, then the preview.
import type { FormEvent, ReactNode } from "react";
import { Card } from "../../ui/layout-parts.tsx";
import { FormNote, SaveButton, type SettingsT } from "./field.tsx";
import type { FormState } from "./form-state.ts";

export function PreviewedForm({
  title,
  lead,
  form,
  t,
  shown,
  editable,
  onSubmit,
  previewTitle,
  preview,
  children,
}: {
  title: string;
  lead: string;
  form: FormState;
  t: SettingsT;
  /** The fields the form shows (see FormNote). */
  shown: string[];
  editable: boolean;
  onSubmit: (e: FormEvent) => void;
  previewTitle: string;
  preview: ReactNode;
  children: ReactNode;
}) {
  return (
    <Card title={title}>
      <p className="settings-lead">{lead}</p>
      <div className="brand-layout">
        <form onSubmit={onSubmit} noValidate>
          <fieldset disabled={!editable} className="settings-fieldset">
            {children}
            <FormNote form={form} t={t} shown={shown} />
            {editable && <SaveButton form={form} t={t} />}
          </fieldset>
        </form>
        <div>
          <h3 className="settings-subhead">{previewTitle}</h3>
          {preview}
        </div>
      </div>
    </Card>
  );
}
