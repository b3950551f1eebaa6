// 日本語 | English, each written in its own language so anyone can find theirs.
import { useLocale, useT } from "../i18n/i18n.tsx";

export function LangSwitch({ className = "" }: { className?: string }) {
  const t = useT();
  const { locale, setLocale } = useLocale();
  return (
    <div className={`lang-switch ${className}`} role="group" aria-label={t("header.language")}>
      <button type="button" aria-pressed={locale === "ja"} onClick={() => setLocale("ja")} lang="ja">
        日本語
      </button>
      <button type="button" aria-pressed={locale === "en"} onClick={() => setLocale("en")} lang="en">
        English
      </button>
    </div>
  );
}
