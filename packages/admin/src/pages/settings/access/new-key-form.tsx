// Creating an API key: a name saying what it is for and the role it acts with.
import { useState, type FormEvent } from "react";
import { client, ok } from "../../../api/client.ts";
import { useT } from "../../../i18n/i18n.tsx";
import { Card } from "../../../ui/layout-parts.tsx";
import { errorFor, FormNote } from "../field.tsx";
import { Field } from "../../../ui/field.tsx";
import { checkText, useForm } from "../form-state.ts";
import type { Role } from "../roles.ts";
import { accessT } from "./access-t.ts";
import type { CreatedKey } from "./new-key-box.tsx";
import { RoleField } from "./role-field.tsx";

export function NewKeyForm({ onCreated }: { onCreated: (key: CreatedKey) => void }) {
  const t = useT(accessT);
  const form = useForm();
  const [name, setName] = useState("");
  const [role, setRole] = useState<Role>("member");
  const create = async (e: FormEvent) => {
    e.preventDefault();
    const key = await form.submit({ name: checkText(name, { required: true, max: 100 }) }, () =>
      ok(client.POST("/api/v1/api-keys", { body: { name: name.trim(), role } })),
    );
    if (!key) return;
    setName("");
    onCreated(key);
  };
  return (
    <Card title={t("keys.new")}>
      <form onSubmit={create} noValidate>
        <div className="new-key-fields">
          <Field label={t("keys.name")} hint={t("keys.nameHint")} error={errorFor(form, t, "name")}>
            {(p) => (
              <input
                {...p}
                value={name}
                maxLength={100}
                onChange={(e) => {
                  form.edited();
                  setName(e.target.value);
                }}
              />
            )}
          </Field>
          <RoleField label={t("keys.role")} role={role} onChange={setRole} form={form} />
          <button type="submit" className="button button-primary new-key-submit" disabled={form.saving}>
            {form.saving ? t("state.saving") : t("keys.create")}
          </button>
        </div>
        {!form.ok && <FormNote form={form} t={t} shown={["name", "role"]} />}
      </form>
    </Card>
  );
}
