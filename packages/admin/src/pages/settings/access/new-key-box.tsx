// The value of a key just created, shown this once (the server keeps only its hash), ready to copy.
import { useEffect, useRef, useState } from "react";
import type { CreatedApiKey } from "../../../api/types.ts";
import { useT } from "../../../i18n/i18n.tsx";
import { accessT } from "./access-t.ts";

export type CreatedKey = CreatedApiKey;

export function NewKeyBox({ created, onDone }: { created: CreatedKey; onDone: () => void }) {
  const t = useT(accessT);
  const [copied, setCopied] = useState<"yes" | "failed">();
  const box = useRef<HTMLElement>(null);
  const input = useRef<HTMLInputElement>(null);
  // Brought into view and focused: it appears above the list, away from the form that made it.
  useEffect(() => {
    box.current?.scrollIntoView({ block: "nearest" });
    input.current?.select();
  }, [created.id]);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(created.key);
      setCopied("yes");
    } catch {
      input.current?.select();
      setCopied("failed");
    }
  };
  return (
    <section className="new-key-box" ref={box} aria-labelledby="new-key-title">
      <h2 id="new-key-title">{t("keys.shown.title", { name: created.name })}</h2>
      <p className="new-key-warning" role="alert">
        <span aria-hidden="true">⚠</span> {t("keys.shown.warning")}
      </p>
      <div className="row new-key-row">
        <input
          ref={input}
          className="new-key-value"
          readOnly
          value={created.key}
          aria-label={t("keys.shown.label")}
          spellCheck={false}
          onFocus={(e) => e.target.select()}
        />
        <button type="button" className="button button-primary" onClick={() => void copy()}>
          {copied === "yes" ? `✓ ${t("keys.copied")}` : t("keys.copy")}
        </button>
        <button type="button" className="button" onClick={onDone}>
          {t("keys.done")}
        </button>
      </div>
      {copied === "failed" && <p className="field-error">{t("keys.copyFailed")}</p>}
    </section>
  );
}
