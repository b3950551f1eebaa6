// The table of the API keys and users tabs: the tab's column names, then an actions column whose name
// only screen readers hear (its buttons say what they do).
import type { ReactNode } from "react";
import { useT } from "../../../i18n/i18n.tsx";
import { accessT } from "./access-t.ts";

export function AccessTable({ columns, children }: { columns: string[]; children: ReactNode }) {
  const t = useT(accessT);
  return (
    <div className="table-wrap">
      <table className="settings-table">
        <thead>
          <tr>
            {columns.map((name) => (
              <th key={name} scope="col">
                {name}
              </th>
            ))}
            <th scope="col">
              <span className="visually-hidden">{t("col.actions")}</span>
            </th>
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
