// Who is signed in. The session lives in an HttpOnly cookie the app never sees; GET /session tells us
// the user, the workspace and the CSRF token that every change must carry.
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from "react";
import type { SessionInfo } from "../../server/src/domain/auth/sessions.ts";
import { api, ApiError, setCsrfToken, setOnUnauthorized } from "./api.ts";
import { setDisplayTimeZone } from "./i18n/format.ts";

export type Session = SessionInfo & { csrfToken: string };

interface SessionState {
  session: Session | null | undefined; // undefined: still asking
  signIn: (email: string, password: string) => Promise<void>;
  /** A new installation's first owner: created, then signed in. */
  setUp: (input: { email: string; name: string; password: string }) => Promise<void>;
  signOut: () => Promise<void>;
}

const SessionContext = createContext<SessionState | undefined>(undefined);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null | undefined>(undefined);
  const adopt = useCallback((s: Session | null) => {
    setCsrfToken(s?.csrfToken ?? "");
    setDisplayTimeZone(s?.workspace.timeZone);
    setSession(s);
  }, []);
  useEffect(() => {
    setOnUnauthorized(() => adopt(null));
    api<Session>("/session").then(adopt, (e: unknown) => {
      if (e instanceof ApiError && e.status === 401) adopt(null);
      else throw e;
    });
  }, [adopt]);
  const signIn = useCallback(
    async (email: string, password: string) =>
      adopt(await api<Session>("/session", { method: "POST", body: { email, password } })),
    [adopt],
  );
  const setUp = useCallback(
    async (input: { email: string; name: string; password: string }) =>
      adopt(await api<Session>("/session/setup", { method: "POST", body: input })),
    [adopt],
  );
  const signOut = useCallback(async () => {
    await api("/session", { method: "DELETE" }).catch(() => {});
    adopt(null);
  }, [adopt]);
  return (
    <SessionContext.Provider value={{ session, signIn, setUp, signOut }}>{children}</SessionContext.Provider>
  );
}

export function useSession(): SessionState {
  const state = useContext(SessionContext);
  if (!state) throw new Error("useSession outside SessionProvider");
  return state;
}

/** The signed-in session (inside the app shell, where there always is one). */
export function useSignedIn(): Session {
  const { session } = useSession();
  if (!session) throw new Error("not signed in");
  return session;
}
