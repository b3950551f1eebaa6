// A search box whose text lives in the URL (?q=…): applied on Enter or the button, so a search can be
// shared and survives a reload. Emptying the box (or its ×) shows everything again at once.
import { useState, type FormEvent } from "react";
import { useT } from "../i18n/i18n.tsx";
import { setSearch, useLocation } from "../router.tsx";
import "./search-box.css";

interface Props {
  id: string;
  label: string;
  placeholder: string;
  param?: string;
}

export function SearchBox(props: Props) {
  const value = useLocation().search.get(props.param ?? "q") ?? "";
  // Keyed by the URL's value, so going back in history shows that search in the box.
  return <SearchForm key={value} value={value} {...props} />;
}

function SearchForm({ id, label, placeholder, param = "q", value }: Props & { value: string }) {
  const t = useT();
  const [text, setText] = useState(value);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSearch({ [param]: text.trim() });
  };
  return (
    <form className="search-box" role="search" onSubmit={submit}>
      <label htmlFor={id} className="search-box-label">
        {label}
      </label>
      <div className="search-box-row">
        <input
          id={id}
          type="search"
          value={text}
          maxLength={200}
          placeholder={placeholder}
          onChange={(e) => {
            setText(e.target.value);
            if (e.target.value === "" && value) setSearch({ [param]: null });
          }}
        />
        <button type="submit" className="button">
          {t("action.search")}
        </button>
      </div>
    </form>
  );
}
