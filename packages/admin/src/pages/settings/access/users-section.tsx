// Users and roles tab: what each role may do (for everyone), and for owners the list of users with their
// role changed in place, deletion after a confirmation, and a form to add one.
import { useGet } from "../../../api/hooks.ts";
import { useT } from "../../../i18n/i18n.tsx";
import { useSignedIn } from "../../../session.tsx";
import { Card } from "../../../ui/layout-parts.tsx";
import { Loaded } from "../../../ui/states.tsx";
import { canManageAccess, roles } from "../roles.ts";
import { AccessTable } from "./access-table.tsx";
import { accessT } from "./access-t.ts";
import { NewUserForm } from "./new-user-form.tsx";
import { UserRow } from "./user-row.tsx";
import "./access.css";

export function UsersSection() {
  const t = useT(accessT);
  const { role } = useSignedIn().user;
  const owner = canManageAccess(role);
  return (
    <div className="users-layout">
      <div className="stack">
        {owner ? (
          <Users />
        ) : (
          <Card title={t("users.title")}>
            <p className="settings-note">{t("users.ownerOnly", { role: t(`role.${role}`) })}</p>
          </Card>
        )}
      </div>
      <RolesCard />
    </div>
  );
}

function Users() {
  const t = useT(accessT);
  const me = useSignedIn().user.id;
  const users = useGet("/api/v1/users", { params: { query: { limit: 1000 } } });
  return (
    <>
      <Card title={t("users.title")}>
        <p className="settings-lead">{t("users.lead")}</p>
        <Loaded {...users}>
          {(page) => (
            <AccessTable columns={[t("col.name"), t("users.col.email"), t("col.role"), t("users.col.added")]}>
              {page.data.map((u) => (
                <UserRow key={u.id} user={u} isMe={u.id === me} onChanged={users.reload} />
              ))}
            </AccessTable>
          )}
        </Loaded>
      </Card>
      <NewUserForm onAdded={users.reload} />
    </>
  );
}

/** The four roles, each a step up from the one below it, as permissions.ts has them. */
function RolesCard() {
  const t = useT(accessT);
  return (
    <Card title={t("roles.title")} className="roles-card">
      <dl className="roles-list">
        {roles.map((r) => (
          <div key={r}>
            <dt>
              <span className="badge badge-quiet">{t(`role.${r}`)}</span>
            </dt>
            <dd>{t(`role.${r}.hint`)}</dd>
          </div>
        ))}
      </dl>
    </Card>
  );
}
