// The account routes of the API (session, reset, invitations, personal tokens), over the
// app's one fetch helper so that changes carry the CSRF token.
import { request } from "../api/client";

export interface User { id: number; email: string; name: string; admin: boolean }
export interface SessionInfo { signed_in: boolean; user?: User; csrf_token?: string }
export interface InviteInfo {
  coalition: number; coalition_name: string; email: string; role: Role; usable: boolean; account_exists: boolean;
}
export interface TokenInfo { id: number; name: string; created_at: string; last_used_at: string | null }

export type Role = "viewer" | "contributor" | "editor" | "steward";
export const ROLES: Role[] = ["viewer", "contributor", "editor", "steward"];

const json = (body: unknown): RequestInit => ({ body: JSON.stringify(body) });

export const authApi = {
  session: () => request<SessionInfo>("/api/session"),
  signIn: (email: string, password: string) =>
    request<SessionInfo>("/api/session", { method: "POST", ...json({ email, password }) }),
  signOut: () => request<SessionInfo>("/api/session", { method: "DELETE" }),
  resetPassword: (code: string, password: string) =>
    request<{ reset: boolean }>("/api/password-reset", { method: "POST", ...json({ code, password }) }),
  invite: (code: string) => request<InviteInfo>(`/api/invites/${encodeURIComponent(code)}`),
  acceptInvite: (code: string) =>
    request<{ coalition: number }>(`/api/invites/${encodeURIComponent(code)}/accept`, { method: "POST", ...json({}) }),
  register: (code: string, name: string, password: string) =>
    request<SessionInfo>(`/api/invites/${encodeURIComponent(code)}/register`, { method: "POST", ...json({ name, password }) }),
  tokens: () => request<TokenInfo[]>("/api/tokens"),
  createToken: (name: string) => request<{ token: string; name: string }>("/api/tokens", { method: "POST", ...json({ name }) }),
  revokeToken: (id: number) => request<{ revoked: number }>(`/api/tokens/${id}`, { method: "DELETE" }),
};
