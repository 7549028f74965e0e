// #/reset/CODE: a new password, typed twice; then the sign-in page.
import { useState, type FormEvent } from "react";
import { ApiError } from "../api/client";
import { authApi } from "./api";
import { AuthPage, FormError, sentence } from "./AuthPage";
import { setSignInNotice } from "./SignInPage";
import { markSignedOut } from "./session";

const MIN_LENGTH = 10;

export function ResetPage({ code }: { code: string }) {
  const [password, setPassword] = useState("");
  const [again, setAgain] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (password.length < MIN_LENGTH) { setError(`A password needs at least ${MIN_LENGTH} characters.`); return; }
    if (password !== again) { setError("The two passwords differ. Type the same password twice."); return; }
    setBusy(true); setError(null);
    try {
      await authApi.resetPassword(code, password);
      setSignInNotice("Your new password is set. Sign in with it.");
      markSignedOut();
      window.location.hash = "#/";
    } catch (e) {
      setError(e instanceof ApiError ? sentence(e.message) : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthPage title="Choose a new password">
      <form className="auth-form" onSubmit={(e) => void submit(e)} noValidate>
        <label className="field">
          <span className="field-label">New password <span className="muted">(at least {MIN_LENGTH} characters)</span></span>
          <input type="password" autoComplete="new-password" autoFocus value={password} onChange={(e) => setPassword(e.target.value)} />
        </label>
        <label className="field">
          <span className="field-label">The same password again</span>
          <input type="password" autoComplete="new-password" value={again} onChange={(e) => setAgain(e.target.value)} />
        </label>
        <FormError message={error} />
        <button className="btn primary wide" type="submit" disabled={busy}>{busy ? "Saving…" : "Set the new password"}</button>
      </form>
      <p className="auth-foot"><a href="#/">Back to sign in</a></p>
    </AuthPage>
  );
}
