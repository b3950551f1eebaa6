import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { LocaleProvider } from "./i18n/i18n.tsx";
import { Login } from "./login.tsx";
import { SessionProvider, useSession } from "./session.tsx";
import { Shell } from "./shell.tsx";
import { Loading } from "./ui/states.tsx";
import "./styles.css";

function App() {
  const { session } = useSession();
  if (session === undefined) return <Loading />;
  return session ? <Shell /> : <Login />;
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
