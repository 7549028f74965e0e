// Shown whenever nobody is signed in; the address stays as it was, so signing in lands
// the person back where they were.
import { AuthPage, FormError } from "./AuthPage";
import { SignInForm } from "./SignInForm";

let notice: string | null = null;
/** A line for the next sign-in page, e.g. after a password reset. */
export function setSignInNotice(text: string | null) { notice = text; }

export function SignInPage({ problem }: { problem: string | null }) {
  const shown = notice;
  return (
    <AuthPage title="Sign in">
      {shown && <div className="auth-notice" role="status">{shown}</div>}
      <FormError message={problem ? `Cannot reach the server: ${problem}` : null} />
      <SignInForm onSignedIn={() => setSignInNotice(null)} />
      <p className="auth-foot muted">Forgot your password? Ask a steward or the administrator of this coalign for a reset link.</p>
    </AuthPage>
  );
}
