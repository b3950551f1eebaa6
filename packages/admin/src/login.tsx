// Sign-in: email and password; the server sets the session cookie. A new installation with nobody to
// sign in yet gets the same card as a form for its first owner. An expired session asks again in a
// dialog over the page (SignInDialog), so nothing typed there is lost.
import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { useGet } from "./api/hooks.ts";
import { ApiError } from "./api/client.ts";
import { errorText } from "./error-text.ts";
import { useT } from "./i18n/i18n.tsx";
import { useSession } from "./session.tsx";
import { LangSwitch } from "./ui/lang-switch.tsx";
import { ErrorDetail } from "./ui/states.tsx";
import "./ui/confirm-dialog.css";

export function Login() {
  const t = useT();
  const setup = useGet("/api/v1/session/setup");
  const firstOwner = setup.data?.needed === true;
  const title = t(firstOwner ? "login.setupTitle" : "login.title");
  useEffect(() => void (document.title = title), [title]);
  return (
    <div className="login">
      <div className="login-card">
        <div className="brand brand-login">
          <span className="brand-mark" aria-hidden="true">
            声
          </span>
          <span className="brand-name">Koe</span>
        </div>
        <h1>{title}</h1>
        <p className="muted">{t(firstOwner ? "login.setupLead" : "login.lead")}</p>
        <CredentialsForm firstOwner={firstOwner} onSetupTaken={setup.reload} />
        <LangSwitch className="lang-switch-login" />
      </div>
    </div>
  );
}

/** Asks an expired session's user to sign in again; the page under it stays mounted. */
export function SignInDialog({ email }: { email: string }) {
  const t = useT();
  const { dismissExpired } = useSession();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
    // The email is filled in already: start on the password.
    d?.querySelector<HTMLInputElement>('input[type="password"]')?.focus();
  }, []);
  // Closing (Escape, Cancel) leaves the page as it is; the next refused save opens this again.
  return (
    <dialog
      ref={ref}
      className="confirm-dialog signin-dialog"
      aria-labelledby={titleId}
      onClose={dismissExpired}
    >
      <h2 id={titleId}>{t("session.expiredTitle")}</h2>
      <p>{t("session.expiredLead")}</p>
      <CredentialsForm firstOwner={false} initialEmail={email} onCancel={() => ref.current?.close()} />
    </dialog>
  );
}

type Failure = { text: string; detail?: unknown };

function CredentialsForm({
  firstOwner,
  initialEmail = "",
  onSetupTaken,
  onCancel,
}: {
  firstOwner: boolean;
  initialEmail?: string;
  onSetupTaken?: () => void;
  onCancel?: () => void;
}) {
  const t = useT();
  const { signIn, setUp } = useSession();
  const [email, setEmail] = useState(initialEmail);
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<Failure>();
  const [busy, setBusy] = useState(false);
  const say = (err: unknown): Failure => {
    if (!(err instanceof ApiError)) return { text: errorText(t, err), detail: err };
    if (err.status === 429) return { text: t("login.tooMany") };
    if (err.status === 401) return { text: t("login.wrong") };
    if (err.status === 422)
      return { text: t(err.field("password") ? "login.setupPassword" : "login.setupEmail") };
    if (err.status === 409 && firstOwner) {
      onSetupTaken?.();
      return { text: t("login.setupTaken") };
    }
    return { text: errorText(t, err), detail: err };
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      if (firstOwner) await setUp({ email, name, password });
      else await signIn(email, password);
    } catch (err) {
      setError(say(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)}>
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
        <div className="form-error" role="alert">
          {error.text}
          {error.detail !== undefined && <ErrorDetail error={error.detail} />}
        </div>
      )}
      <div className={onCancel ? "confirm-dialog-actions" : undefined}>
        {onCancel && (
          <button type="button" className="button" onClick={onCancel}>
            {t("action.cancel")}
          </button>
        )}
        <button
          type="submit"
          className={`button button-primary${onCancel ? "" : " button-wide"}`}
          disabled={busy}
        >
          {t(firstOwner ? "login.setupSubmit" : "login.submit")}
        </button>
      </div>
    </form>
  );
}
