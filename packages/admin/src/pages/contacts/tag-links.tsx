// A contact's tags as links: each opens the contacts list filtered by that tag.
import { withQuery } from "../../api/client.ts";
import { useT } from "../../i18n/i18n.tsx";
import { Link } from "../../router.tsx";
import { contactsMessages } from "./messages.ts";
import "./contacts.css";

/** A contact's tags; each filters the list by itself (the current filter's tag is marked). */
export function TagLinks({ tags, current }: { tags: string[]; current?: string }) {
  const t = useT(contactsMessages);
  if (tags.length === 0) return null;
  return (
    <ul className="tag-list">
      {tags.map((tag) => (
        <li key={tag}>
          <Link
            to={withQuery("/contacts", { tag })}
            className={`tag-link${tag === current ? " is-current" : ""}`}
            title={t("tagShowAll", { tag })}
          >
            {tag}
          </Link>
        </li>
      ))}
    </ul>
  );
}
