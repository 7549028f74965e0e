// Email and password, with the server's refusals in words: a wrong password, and after
// too many failed attempts how long to wait (429 with Retry-After).
import { useState, type FormEvent } from "react";
import { ApiError } from "../api/client";
import { authApi } from "./api";
import { FormError, sentence, waitText } from "./AuthPage";
import { adoptSession } from "./session";

export function SignInForm({ email: fixedEmail, submitLabel = "Sign in", onSignedIn }:
  { email?: string; submitLabel?: string; onSignedIn?(): void }) {
  const [email, setEmail] = useState(fixedEmail ?? "");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!email.trim() || !password) { setError("Enter your email and your password."); return; }
    setBusy(true); setError(null);
    try {
      const info = await authApi.signIn(email.trim(), password);
      onSignedIn?.();
      adoptSession(info);
    } catch (e) {
      setPassword("");
      if (e instanceof ApiError && e.status === 429) {
        setError(`Too many failed sign-ins. Wait ${waitText(e.retryAfter ?? 900)} and try again, or ask a steward for a reset link.`);
      } else if (e instanceof ApiError && e.status === 401) {
        setError(sentence(e.message || "the email or the password is wrong"));
      } else {
        setError(e instanceof Error ? sentence(e.message) : String(e));
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="auth-form" onSubmit={(e) => void submit(e)} noValidate>
      <label className="field">
        <span className="field-label">Email</span>
        <input type="email" autoComplete="username" value={email} readOnly={!!fixedEmail} autoFocus={!fixedEmail}
          onChange={(e) => setEmail(e.target.value)} />
      </label>
      <label className="field">
        <span className="field-label">Password</span>
        <input type="password" autoComplete="current-password" value={password} autoFocus={!!fixedEmail}
          onChange={(e) => setPassword(e.target.value)} aria-invalid={!!error} />
      </label>
      <FormError message={error} />
      <button className="btn primary wide" type="submit" disabled={busy}>{busy ? "Signing in…" : submitLabel}</button>
    </form>
  );
}
