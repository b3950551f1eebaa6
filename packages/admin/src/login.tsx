// Sign-in: email and password; the server sets the session cookie. A new installation with nobody to
// sign in yet gets the same card as a form for its first owner.
import { useState, type FormEvent } from "react";
import { ApiError, useApi } from "./api.ts";
import { useT } from "./i18n/i18n.tsx";
import { LangSwitch } from "./ui/lang-switch.tsx";
import { useSession } from "./session.tsx";

export function Login() {
  const t = useT();
  const { signIn, setUp } = useSession();
  const setup = useApi<{ needed: boolean }>("/session/setup");
  const firstOwner = setup.data?.needed === true;
  const [email, setEmail] = useState("");
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError("");
    try {
      if (firstOwner) await setUp({ email, name, password });
      else await signIn(email, password);
    } catch (err) {
      if (!(err instanceof ApiError)) setError(String(err));
      else if (err.status === 429) setError(t("login.tooMany"));
      else if (err.status === 401) setError(t("login.wrong"));
      else if (err.status === 422)
        setError(t(err.field("password") ? "login.setupPassword" : "login.setupEmail"));
      else if (err.status === 409) {
        setError(t("login.setupTaken"));
        setup.reload();
      } else setError(err.message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="login">
      <form className="login-card" onSubmit={(e) => void submit(e)}>
        <div className="brand brand-login">
          <span className="brand-mark" aria-hidden="true">
            声
          </span>
          <span className="brand-name">Koe</span>
        </div>
        <h1>{t(firstOwner ? "login.setupTitle" : "login.title")}</h1>
        <p className="muted">{t(firstOwner ? "login.setupLead" : "login.lead")}</p>
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
        {firstOwner && (
          <label className="field">
            <span>{t("login.name")}</span>
            <input autoComplete="name" value={name} onChange={(e) => setName(e.target.value)} />
          </label>
        )}
        <label className="field">
          <span>{t("login.password")}</span>
          <input
            type="password"
            autoComplete={firstOwner ? "new-password" : "current-password"}
            required
            minLength={firstOwner ? 8 : undefined}
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
          {t(firstOwner ? "login.setupSubmit" : "login.submit")}
        </button>
        <LangSwitch className="lang-switch-login" />
      </form>
    </div>
  );
}
