// A link the thank-you page offers (a segment's button, the review invitation): its label in both
// languages and its address, with the server's errors under `${path}.label` and `${path}.url`.
import { Field } from "../../ui/field.tsx";
import type { FieldErrors } from "./field-errors.ts";
import { LocalePair } from "./locale-pair.tsx";
import type { LinkDraft } from "./survey-draft.ts";

export function LinkFields(props: {
  labelText: string;
  urlText: string;
  link: LinkDraft;
  onChange: (patch: Partial<LinkDraft>) => void;
  errors: FieldErrors;
  path: string;
}) {
  const { link, onChange, errors, path } = props;
  return (
    <>
      <LocalePair
        label={props.labelText}
        value={link.label}
        onChange={(label) => onChange({ label })}
        error={errors.at(`${path}.label`)}
        maxLength={100}
      />
      <Field label={props.urlText} error={errors.at(`${path}.url`)}>
        {(p) => (
          <input
            {...p}
            type="url"
            inputMode="url"
            value={link.url}
            maxLength={2000}
            placeholder="https://"
            onChange={(e) => onChange({ url: e.target.value })}
          />
        )}
      </Field>
    </>
  );
}
