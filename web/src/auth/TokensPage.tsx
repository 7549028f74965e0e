// #/tokens: personal API tokens for scripts and other tools. A new token's secret is shown
// once, with how to send it; revoking stops it at once.
import { useCallback, useEffect, useState, type FormEvent } from "react";
import { ApiError } from "../api/client";
import { authApi, type TokenInfo } from "./api";
import { AuthPage, FormError, sentence } from "./AuthPage";
import { CopyField } from "./CopyField";
import { UserMenu } from "./UserMenu";

export function TokensPage() {
  const [tokens, setTokens] = useState<TokenInfo[] | null>(null);
  const [name, setName] = useState("");
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    try { setTokens(await authApi.tokens()); } catch (e) { setError(describe(e)); }
  }, []);
  useEffect(() => { void load(); }, [load]);

  const create = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      const answer = await authApi.createToken(name.trim());
      setCreated(answer); setName("");
      await load();
    } catch (e) { setError(describe(e)); }
  };
  const revoke = async (token: TokenInfo) => {
    setError(null);
    try { await authApi.revokeToken(token.id); await load(); } catch (e) { setError(describe(e)); }
  };

  const origin = window.location.origin;
  return (
    <>
      <header className="topbar">
        <a className="brand" href="#/" aria-label="coalign">co<span>align</span></a>
        <a className="view-tab" href="#/">‹ Back to the map</a>
        <span className="toolbar-gap" />
        <UserMenu />
      </header>
      <AuthPage title="Personal API tokens" wide>
        <p>A token lets a script or another tool use the coalign API as you, with your roles. Send it in the
          <code> Authorization</code> header. Revoke a token you no longer use.</p>
        <form className="token-create" onSubmit={(e) => void create(e)}>
          <label className="field">
            <span className="field-label">Name of a new token (what it is for)</span>
            <input type="text" value={name} placeholder="e.g. monthly measures import" onChange={(e) => setName(e.target.value)} />
          </label>
          <button className="btn primary" type="submit">Create token</button>
        </form>
        <FormError message={error} />
        {created && (
          <div className="token-secret" role="status">
            <p><strong>Your new token “{created.name}”.</strong> Copy it now: it is shown only this once.</p>
            <CopyField label="Token" value={created.token} mono />
            <p className="muted">Use it like this:</p>
            <pre className="mono">{`curl -H "Authorization: Bearer ${created.token}" ${origin}/api/coalitions`}</pre>
            <button className="btn small" onClick={() => setCreated(null)}>I have copied it</button>
          </div>
        )}
        <h2>Your tokens</h2>
        {tokens === null ? <p className="muted">Loading…</p> : tokens.length === 0 ? <p className="muted">You have no tokens.</p> : (
          <table className="plain-table">
            <thead><tr><th>Name</th><th>Created</th><th>Last used</th><th><span className="sr-only">Actions</span></th></tr></thead>
            <tbody>
              {tokens.map((token) => (
                <tr key={token.id} data-token={token.name}>
                  <td>{token.name}</td>
                  <td>{when(token.created_at)}</td>
                  <td>{token.last_used_at ? when(token.last_used_at) : <span className="muted">never</span>}</td>
                  <td><button className="btn small danger-outline" onClick={() => void revoke(token)}>Revoke</button></td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </AuthPage>
    </>
  );
}

function describe(e: unknown): string { return e instanceof ApiError ? sentence(e.message) : String(e); }

function when(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}
