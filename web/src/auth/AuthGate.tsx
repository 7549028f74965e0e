// Decides what the page shows before the map: the reset and invitation pages (open to
// anyone), the sign-in page while nobody is signed in, the tokens page, else the app.
import { useEffect, useState, type ReactNode } from "react";
import { InvitePage } from "./InvitePage";
import { ResetPage } from "./ResetPage";
import { SignInPage } from "./SignInPage";
import { TokensPage } from "./TokensPage";
import { loadSession, useSession } from "./session";
import "./auth.css";

function useHash(): string {
  const [hash, setHash] = useState(window.location.hash);
  useEffect(() => {
    const onChange = () => setHash(window.location.hash);
    window.addEventListener("hashchange", onChange);
    return () => window.removeEventListener("hashchange", onChange);
  }, []);
  return hash;
}

export function AuthGate({ children }: { children: ReactNode }) {
  const session = useSession();
  const hash = useHash();
  useEffect(() => { void loadSession(); }, []);

  const reset = hash.match(/^#\/reset\/([^/?]+)$/);
  if (reset) return <ResetPage code={decodeURIComponent(reset[1])} />;
  const invite = hash.match(/^#\/invite\/([^/?]+)$/);
  if (invite) return <InvitePage code={decodeURIComponent(invite[1])} />;
  if (session.status === "unknown") return <div className="auth-page" aria-busy="true" />;
  if (session.status === "signed-out") return <SignInPage problem={session.error} />;
  if (hash === "#/tokens") return <div className="app tokens-app">{<TokensPage />}</div>;
  return <>{children}</>;
}
