// Sign-in: email and password; the server sets the session cookie.
import { useState, type FormEvent } from "react";
import { ApiError } from "./api.ts";
import { useT } from "./i18n/i18n.tsx";
import { LangSwitch } from "./ui/lang-switch.tsx";
import { useSession } from "./session.tsx";

export function Login() {
  const t = useT();
  const { signIn } = useSession();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError("");
    try {
      await signIn(email, password);
    } catch (err) {
      setError(
        err instanceof ApiError && err.status === 429
          ? t("login.tooMany")
          : err instanceof ApiError && err.status === 401
            ? t("login.wrong")
            : String(err),
      );
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="login">
      <form className="login-card" onSubmit={submit}>
        <div className="brand brand-login">
          <span className="brand-mark" aria-hidden="true">
            声
          </span>
          <span className="brand-name">Koe</span>
        </div>
        <h1>{t("login.title")}</h1>
        <p className="muted">{t("login.lead")}</p>
        <label className="field">
          <span>{t("login.email")}</span>
          <input
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </label>
        <label className="field">
          <span>{t("login.password")}</span>
          <input
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="button button-primary button-wide" disabled={busy}>
          {t("login.submit")}
        </button>
        <LangSwitch className="lang-switch-login" />
      </form>
    </div>
  );
}
