// Tags as removable chips and a box that adds one on Enter or a comma (pasting "a, b" adds both); the same
// rules as the server: trimmed, 1–50 characters, at most 50, none twice.
import { useId, useState, type KeyboardEvent } from "react";
import { useT } from "../../i18n/i18n.tsx";
import { contactFormMessages } from "./messages.ts";

export const MAX_TAG = 50;
export const MAX_TAGS = 50;

export function TagsInput({
  tags,
  onChange,
  error,
}: {
  tags: string[];
  onChange: (tags: string[]) => void;
  error?: string | undefined;
}) {
  const t = useT(contactFormMessages);
  const id = useId();
  const [text, setText] = useState("");
  const [note, setNote] = useState<string>();
  const add = (raw: string) => {
    const next = [...tags];
    for (const part of raw.split(/[,、，]/)) {
      const tag = part.trim();
      if (!tag) continue;
      if (tag.length > MAX_TAG) return setNote(t("tagTooLong", { max: MAX_TAG }));
      if (next.length >= MAX_TAGS) return setNote(t("tagTooMany", { max: MAX_TAGS }));
      if (!next.includes(tag)) next.push(tag);
    }
    setNote(undefined);
    onChange(next);
    setText("");
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === "Enter" || e.key === ",") {
      if (e.nativeEvent.isComposing) return; // an IME is still choosing kanji
      e.preventDefault();
      add(text);
    } else if (e.key === "Backspace" && !text && tags.length) onChange(tags.slice(0, -1));
  };
  const shown = note ?? error;
  return (
    <div className="field">
      <label htmlFor={id}>{t("tags")}</label>
      {tags.length > 0 && (
        <ul className="tag-chips" aria-label={t("tagsChosen")}>
          {tags.map((tag) => (
            <li key={tag} className="tag-chip">
              <span>{tag}</span>
              <button
                type="button"
                aria-label={t("tagRemove", { tag })}
                onClick={() => onChange(tags.filter((x) => x !== tag))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <input
        id={id}
        value={text}
        maxLength={200}
        placeholder={t("tagPlaceholder")}
        aria-describedby={`${id}-hint${shown ? ` ${id}-error` : ""}`}
        aria-invalid={shown ? true : undefined}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={onKey}
        onBlur={() => text.trim() && add(text)}
      />
      {shown && (
        <span className="field-error" id={`${id}-error`}>
          {shown}
        </span>
      )}
      <span className="field-hint" id={`${id}-hint`}>
        {t("tagsHint")}
      </span>
    </div>
  );
}
