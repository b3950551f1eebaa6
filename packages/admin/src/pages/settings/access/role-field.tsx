// Choosing a role: the options of every role select (a new key, a new user, a user's row), and the field
// of the new key and new user forms, whose hint says what the chosen role may do.
import { useT } from "../../../i18n/i18n.tsx";
import { errorFor } from "../field.tsx";
import { Field } from "../../../ui/field.tsx";
import type { FormState } from "../form-state.ts";
import { roles, type Role } from "../roles.ts";
import { accessT } from "./access-t.ts";

export function RoleOptions() {
  const t = useT(accessT);
  return roles.map((r) => (
    <option key={r} value={r}>
      {t(`role.${r}`)}
    </option>
  ));
}

export function RoleField({
  label,
  role,
  onChange,
  form,
}: {
  label: string;
  role: Role;
  onChange: (role: Role) => void;
  form: FormState;
}) {
  const t = useT(accessT);
  return (
    <Field label={label} hint={t(`role.${role}.hint`)} error={errorFor(form, t, "role")}>
      {(p) => (
        <select {...p} value={role} onChange={(e) => onChange(e.target.value as Role)}>
          <RoleOptions />
        </select>
      )}
    </Field>
  );
}
