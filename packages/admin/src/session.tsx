// Who is signed in. The session lives in an HttpOnly cookie the app never sees; GET /session tells us
// the user, the workspace and the CSRF token that every change must carry.
import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from "react";
import { ApiError, client, ok, setCsrfToken, setOnUnauthorized } from "./api/client.ts";
import type { Session } from "./api/types.ts";
import { setDisplayTimeZone } from "./i18n/format.ts";

export type { Session };
/** A workspace the user belongs to, with their role there (GET /session's workspaces: the switcher). */
export type MemberWorkspace = Session["workspaces"][number];

interface SessionState {
  session: Session | null | undefined; // undefined: still asking
  /** The first GET /session failed (not with 401): said with a retry instead of a spinner forever. */
  failure: Error | undefined;
  retry: () => void;
  /** A request was refused with 401 while signed in: the page stays, a dialog asks to sign in again. */
  expired: boolean;
  dismissExpired: () => void;
  signIn: (email: string, password: string) => Promise<void>;
  /** A new installation's first owner: created, then signed in. */
  setUp: (input: { email: string; name: string; password: string }) => Promise<void>;
  signOut: () => Promise<void>;
  /** Reads the session again: after a change to the user's role or the workspace's zone or language. */
  refreshSession: () => Promise<void>;
}

const SessionContext = createContext<SessionState | undefined>(undefined);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null | undefined>(undefined);
  const [failure, setFailure] = useState<Error>();
  const [expired, setExpired] = useState(false);
  const current = useRef<Session | null | undefined>(undefined);
  const dismissed = useRef(false);
  const adopt = useCallback((s: Session | null) => {
    const before = current.current;
    // Someone else signed in over this tab's session: what the page shows is not theirs to see or save.
    if (before && s && (before.user.id !== s.user.id || before.workspace.id !== s.workspace.id)) {
      location.reload();
      return;
    }
    current.current = s;
    setCsrfToken(s?.csrfToken ?? "");
    setDisplayTimeZone(s?.workspace.timeZone);
    setSession(s);
    setExpired(false);
    dismissed.current = false;
    setFailure(undefined);
  }, []);
  const refreshSession = useCallback(async () => {
    try {
      adopt(await ok(client.GET("/api/v1/session")));
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) {
        if (current.current) setExpired(true);
        else adopt(null);
      } else if (current.current === undefined) setFailure(e instanceof Error ? e : new Error(String(e)));
      // A refresh that failed otherwise keeps the session we have.
    }
  }, [adopt]);
  useEffect(() => {
    // Once the dialog is closed, only a refused change (a save) opens it again, not every poll.
    setOnUnauthorized((method) => {
      if (current.current && (method !== "GET" || !dismissed.current)) setExpired(true);
    });
    void refreshSession();
  }, [refreshSession]);
  const retry = useCallback(() => {
    setFailure(undefined);
    void refreshSession();
  }, [refreshSession]);
  const dismissExpired = useCallback(() => {
    dismissed.current = true;
    setExpired(false);
  }, []);
  const signIn = useCallback(
    async (email: string, password: string) =>
      adopt(await ok(client.POST("/api/v1/session", { body: { email, password } }))),
    [adopt],
  );
  const setUp = useCallback(
    async (input: { email: string; name: string; password: string }) =>
      adopt(await ok(client.POST("/api/v1/session/setup", { body: input }))),
    [adopt],
  );
  const signOut = useCallback(async () => {
    await ok(client.DELETE("/api/v1/session")).catch(() => {});
    adopt(null);
  }, [adopt]);
  const value: SessionState = {
    session,
    failure,
    retry,
    expired,
    dismissExpired,
    signIn,
    setUp,
    signOut,
    refreshSession,
  };
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
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
