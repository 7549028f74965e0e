// #/invite/CODE: what the invitation offers (coalition and role), then one way in:
// "Join" when signed in, otherwise create an account (name, password) or sign in to join.
import { useEffect, useState, type FormEvent } from "react";
import { ApiError } from "../api/client";
import { authApi, type InviteInfo } from "./api";
import { AuthPage, FormError, sentence } from "./AuthPage";
import { SignInForm } from "./SignInForm";
import { adoptSession, useSession } from "./session";

const ROLE_WORDS: Record<string, string> = {
  viewer: "see the map", contributor: "see the map and contribute", editor: "see and edit the map",
  steward: "edit the map and manage its members",
};

export function InvitePage({ code }: { code: string }) {
  const session = useSession();
  const [invite, setInvite] = useState<InviteInfo | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [mode, setMode] = useState<"create" | "sign-in" | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [joinAfterSignIn, setJoinAfterSignIn] = useState(false);

  useEffect(() => {
    authApi.invite(code).then(setInvite, (e) => setLoadError(e instanceof ApiError ? sentence(e.message) : String(e)));
  }, [code]);

  const join = async () => {
    if (!invite) return;
    setBusy(true); setError(null);
    try {
      const { coalition } = await authApi.acceptInvite(code);
      window.location.hash = `#/c/${coalition}`;
    } catch (e) {
      setError(e instanceof ApiError ? sentence(e.message) : String(e));
    } finally {
      setBusy(false);
    }
  };

  // Signed in through the form below: join at once, as the person asked.
  useEffect(() => {
    if (joinAfterSignIn && session.status === "signed-in") { setJoinAfterSignIn(false); void join(); }
  }, [joinAfterSignIn, session.status]); // eslint-disable-line react-hooks/exhaustive-deps

  if (loadError) {
    return (
      <AuthPage title="Invitation">
        <FormError message={loadError} />
        <p className="auth-foot"><a href="#/">Go to coalign</a></p>
      </AuthPage>
    );
  }
  if (!invite || session.status === "unknown") return <AuthPage title="Invitation"><p className="muted">Loading the invitation…</p></AuthPage>;

  const offer = (
    <div className="invite-offer">
      <p>You are invited to join</p>
      <p className="invite-coalition">{invite.coalition_name}</p>
      <p>as <strong className={`role-badge role-${invite.role}`}>{invite.role}</strong> <span className="muted">— you can {ROLE_WORDS[invite.role] ?? "take part"}.</span></p>
      <p className="muted">Invitation for {invite.email}</p>
    </div>
  );

  if (!invite.usable) {
    return (
      <AuthPage title="Invitation">
        {offer}
        <FormError message="This invitation was already used or has expired. Ask the steward who sent it for a new link." />
        <p className="auth-foot"><a href="#/">Go to coalign</a></p>
      </AuthPage>
    );
  }

  if (session.status === "signed-in") {
    const other = session.user && session.user.email.toLowerCase() !== invite.email.toLowerCase();
    return (
      <AuthPage title="Invitation">
        {offer}
        {other && <p className="auth-notice">You are signed in as {session.user!.email}, not {invite.email}.</p>}
        <FormError message={error} />
        <button className="btn primary wide" onClick={() => void join()} disabled={busy}>{busy ? "Joining…" : `Join ${invite.coalition_name}`}</button>
      </AuthPage>
    );
  }

  const chosen = mode ?? (invite.account_exists ? "sign-in" : "create");
  return (
    <AuthPage title="Invitation">
      {offer}
      {chosen === "create"
        ? <CreateAccount code={code} email={invite.email} coalition={invite.coalition} />
        : <SignInForm email={invite.email} submitLabel="Sign in and join" onSignedIn={() => setJoinAfterSignIn(true)} />}
      <FormError message={error} />
      <p className="auth-foot">
        {chosen === "create"
          ? <>Already have an account? <button className="linklike" onClick={() => setMode("sign-in")}>Sign in to join</button></>
          : !invite.account_exists && <>New to coalign? <button className="linklike" onClick={() => setMode("create")}>Create your account</button></>}
      </p>
    </AuthPage>
  );
}

function CreateAccount({ code, email, coalition }: { code: string; email: string; coalition: number }) {
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  const [again, setAgain] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) { setError("Tell the others your name."); return; }
    if (password.length < 10) { setError("A password needs at least 10 characters."); return; }
    if (password !== again) { setError("The two passwords differ. Type the same password twice."); return; }
    setBusy(true); setError(null);
    try {
      const info = await authApi.register(code, name.trim(), password);
      window.location.hash = `#/c/${coalition}`;
      adoptSession(info);
    } catch (e) {
      setError(e instanceof ApiError ? sentence(e.message) : String(e));
      setBusy(false);
    }
  };

  return (
    <form className="auth-form" onSubmit={(e) => void submit(e)} noValidate>
      <h2>Create your account</h2>
      <label className="field">
        <span className="field-label">Email</span>
        <input type="email" value={email} readOnly />
      </label>
      <label className="field">
        <span className="field-label">Your name</span>
        <input type="text" autoComplete="name" autoFocus value={name} onChange={(e) => setName(e.target.value)} />
      </label>
      <label className="field">
        <span className="field-label">Password <span className="muted">(at least 10 characters)</span></span>
        <input type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} />
      </label>
      <label className="field">
        <span className="field-label">The same password again</span>
        <input type="password" autoComplete="new-password" value={again} onChange={(e) => setAgain(e.target.value)} />
      </label>
      <FormError message={error} />
      <button className="btn primary wide" type="submit" disabled={busy}>{busy ? "Creating…" : "Create account and join"}</button>
    </form>
  );
}
