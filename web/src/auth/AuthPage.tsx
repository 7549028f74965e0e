// The frame of the pages shown outside a coalition (sign in, reset, invitation, tokens):
// the coalign brand above one centred card.
import type { ReactNode } from "react";
import "./auth.css";

export function AuthPage({ title, children, wide }: { title: string; children: ReactNode; wide?: boolean }) {
  return (
    <div className="auth-page">
      <div className={`auth-card ${wide ? "wide" : ""}`}>
        <div className="auth-brand" aria-label="coalign">co<span>align</span></div>
        <p className="auth-tagline">One shared map of the change we want.</p>
        <h1>{title}</h1>
        {children}
      </div>
    </div>
  );
}

export function FormError({ message }: { message: string | null }) {
  if (!message) return null;
  return <div className="auth-error" role="alert"><span aria-hidden="true">⚠ </span>{message}</div>;
}

/** "the email or the password is wrong" → "The email or the password is wrong." */
export function sentence(text: string): string {
  const t = text.trim();
  if (!t) return t;
  return t[0].toUpperCase() + t.slice(1) + (/[.!?]$/.test(t) ? "" : ".");
}

export function waitText(seconds: number): string {
  if (seconds < 90) return `${Math.ceil(seconds)} seconds`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? "" : "s"}`;
}
