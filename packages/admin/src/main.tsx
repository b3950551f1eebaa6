import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { LocaleProvider } from "./i18n/i18n.tsx";
import { Login, SignInDialog } from "./login.tsx";
import { SessionProvider, useSession } from "./session.tsx";
import { Shell } from "./shell.tsx";
import { ErrorNote, Loading } from "./ui/states.tsx";
import "./styles.css";

function App() {
  const { session, failure, retry, expired } = useSession();
  if (session === undefined) {
    // The first GET /session failed (server down, proxy error, offline): say so, with a retry.
    if (!failure) return <Loading />;
    return (
      <div className="boot-failure">
        <ErrorNote error={failure} retry={retry} />
      </div>
    );
  }
  if (!session) return <Login />;
  return (
    <>
      <Shell />
      {expired && <SignInDialog email={session.user.email} />}
    </>
  );
}

const root = document.getElementById("root");
if (root) {
  createRoot(root).render(
    <StrictMode>
      <LocaleProvider>
        <SessionProvider>
          <App />
        </SessionProvider>
      </LocaleProvider>
    </StrictMode>,
  );
}
