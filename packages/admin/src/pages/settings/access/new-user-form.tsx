// Adding a user who signs in with an email and an initial password, with a role.
import { useState, type FormEvent } from "react";
import { client, ok, ApiError } from "../../../api/client.ts";
import { useT } from "../../../i18n/i18n.tsx";
import { Card } from "../../../ui/layout-parts.tsx";
import { errorFor, FormNote } from "../field.tsx";
import { Field } from "../../../ui/field.tsx";
import { checkEmail, checkPassword, checkText, useForm } from "../form-state.ts";
import type { Role } from "../roles.ts";
import { accessT } from "./access-t.ts";
import { RoleField } from "./role-field.tsx";

const empty = { email: "", name: "", password: "" };

export function NewUserForm({ onAdded }: { onAdded: () => void }) {
  const t = useT(accessT);
  const form = useForm();
  const [values, setValues] = useState(empty);
  const [role, setRole] = useState<Role>("member");
  const [added, setAdded] = useState("");
  const set = (key: keyof typeof empty, value: string) => {
    form.edited();
    setValues((v) => ({ ...v, [key]: value }));
  };
  const add = async (e: FormEvent) => {
    e.preventDefault();
    const body = { email: values.email.trim(), name: values.name.trim(), password: values.password, role };
    const user = await form.submit(
      {
        email: checkEmail(values.email, true),
        name: checkText(values.name, { required: true, max: 200 }),
        password: checkPassword(values.password),
      },
      () => ok(client.POST("/api/v1/users", { body })),
    );
    if (!user) return;
    setAdded(user.email);
    setValues(empty);
    onAdded();
  };
  // A taken email is the one conflict adding can meet: say so at the email field.
  const taken = form.error instanceof ApiError && form.error.status === 409;
  return (
    <Card title={t("users.new")}>
      <p className="settings-lead">{t("users.newLead")}</p>
      <form onSubmit={add} noValidate>
        <div className="settings-pair">
          <Field
            label={t("users.email")}
            error={errorFor(form, t, "email") ?? (taken ? t("users.taken") : undefined)}
          >
            {(p) => (
              <input
                {...p}
                type="email"
                autoComplete="off"
                value={values.email}
                onChange={(e) => set("email", e.target.value)}
              />
            )}
          </Field>
          <Field label={t("users.name")} error={errorFor(form, t, "name")}>
            {(p) => (
              <input
                {...p}
                autoComplete="off"
                value={values.name}
                onChange={(e) => set("name", e.target.value)}
              />
            )}
          </Field>
          <Field
            label={t("users.password")}
            hint={t("users.passwordHint")}
            error={errorFor(form, t, "password")}
          >
            {(p) => (
              <input
                {...p}
                type="password"
                autoComplete="new-password"
                value={values.password}
                onChange={(e) => set("password", e.target.value)}
              />
            )}
          </Field>
          <RoleField label={t("users.role")} role={role} onChange={setRole} form={form} />
        </div>
        <FormNote
          form={form}
          t={t}
          shown={["email", "name", "password", "role"]}
          saved={t("users.added", { email: added })}
          conflict={t("form.invalid")}
        />
        <button type="submit" className="button button-primary" disabled={form.saving}>
          {form.saving ? t("state.saving") : t("users.add")}
        </button>
      </form>
    </Card>
  );
}
