// The membership routes of a coalition: who is in it with which role, and invitations.
import { request } from "../api/client";
import type { Role } from "../auth/api";

export interface Member { id: number; email: string; name: string; role: Role }
export interface Members { you: { id: number; role: Role }; members: Member[] }
export interface Invite { code: string; link: string; email: string; role: Role }

const base = (coalition: number) => `/api/coalitions/${coalition}`;

export const membersApi = {
  list: (coalition: number) => request<Members>(`${base(coalition)}/members`),
  setRole: (coalition: number, user: number, role: Role) =>
    request<{ id: number; role: Role }>(`${base(coalition)}/members/${user}`, { method: "PUT", body: JSON.stringify({ role }) }),
  remove: (coalition: number, user: number) =>
    request<{ removed: number }>(`${base(coalition)}/members/${user}`, { method: "DELETE" }),
  invite: (coalition: number, email: string, role: Role) =>
    request<Invite>(`${base(coalition)}/invites`, { method: "POST", body: JSON.stringify({ email, role }) }),
};
