// Who does what (docs/work-api.md): organisations, people, advocates, action teams,
// contributions, initiatives and resources, the reads built on them, and publishing.
import { request } from "./client";

export const SECTORS = ["public", "non-profit", "private", "community", "funder", "academic", "lived-experience"] as const;
export type Sector = (typeof SECTORS)[number];
export const SECTOR_LABEL: Record<Sector, string> = {
  public: "Public", "non-profit": "Non-profit", private: "Private", community: "Community",
  funder: "Funder", academic: "Academic", "lived-experience": "People with lived experience",
};
export const ROLES = ["lead", "partner", "funder", "supporter"] as const;
export type ContributionRole = (typeof ROLES)[number];
export const RESOURCE_KINDS = ["funding", "in_kind", "space", "volunteer_hours", "staff_time", "data"] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];
export const KIND_LABEL: Record<ResourceKind, string> = {
  funding: "Funding", in_kind: "In-kind goods", space: "Space", volunteer_hours: "Volunteer hours",
  staff_time: "Staff time", data: "Data",
};
export const INITIATIVE_KINDS = ["action", "pilot", "programme", "project"] as const;
export const INITIATIVE_STATUSES = ["planned", "active", "done", "paused", "stopped"] as const;

export interface Goal { id: string; text: string }
export interface Organisation {
  id: string; name: string; sector: Sector | null; description?: string; website?: string;
  mission?: string; goals?: Goal[];
}
export interface WorkPerson { id: string; name: string; email?: string; account: number | null; organisations: string[] }
export interface Advocate { id: string; statement: string; person: string }
export interface ActionTeam { id: string; name: string; statement: string; convenor: string | null; members: string[]; activity?: string }
export interface Contribution {
  id: string; organisation: string; statement: string; role: ContributionRole; activity?: string;
  serves_goals?: string[]; since?: string | null;
}
export interface Milestone { id: string; name: string; due: string | null; done: string | null }
export interface Initiative {
  id: string; name: string; kind: (typeof INITIATIVE_KINDS)[number]; description?: string; lead: string | null;
  partners: string[]; statements: string[]; start?: string | null; end?: string | null;
  status: (typeof INITIATIVE_STATUSES)[number]; links?: string[]; milestones: Milestone[];
}
export interface Resource {
  id: string; kind: ResourceKind; organisation: string; amount: number; unit: string;
  status: "pledged" | "received"; pledged_on?: string | null; received_on?: string | null;
  statement: string | null; initiative: string | null; description?: string;
}
export interface Work {
  revision: number; organisations: Organisation[]; people: WorkPerson[]; advocates: Advocate[];
  action_teams: ActionTeam[]; contributions: Contribution[]; initiatives: Initiative[]; resources: Resource[];
  /** Who the caller is in this coalition (not in public bodies). */
  you?: { user: number; role: string; people: string[]; organisations: string[] };
  /** Public bodies: what the publication shows. */
  publication?: { show_people: boolean; show_organisations: boolean };
}

export type TotalsBy = "statement" | "theme" | "layer" | "organisation" | "kind";
export interface UnitTotal { unit: string; pledged: number; received: number }
export interface Totals { by: TotalsBy; groups: { key: string; label: string; totals: UnitTotal[] }[] }

export interface LineOfSight {
  organisation: string;
  /** The top outcomes this organisation's work reaches. */
  outcomes: string[];
  /** All the coalition's top outcomes (reached or not). */
  coalition_outcomes?: string[];
  /** A path starts at a contribution's statement, or at a statement an initiative it takes part in advances. */
  paths: { contribution: string | null; initiative?: string | null; from: string; to: string; path: string[]; goals: string[] }[];
  titles?: Record<string, string>;
}

export type Need = "advocate" | "contributors" | "resources";
export interface Opportunity { id: string; title: string; needs: Need[]; potency: number; advocates: number; contributors: number }
export interface Opportunities { statements: Opportunity[] }

export interface Publication {
  id: number | string; token: string; url: string; show_people: boolean; show_organisations: boolean; created_at: string;
  /** Set once revoked (the list keeps revoked links, for the record). */
  revoked_at?: string | null;
}

/** The ops of the work sections (all through POST …/changes). */
export type WorkSection = "organisation" | "person" | "advocate" | "action_team" | "contribution" | "initiative" | "resource";
export type WorkOp =
  | { op: `add_${WorkSection}`; [section: string]: unknown }
  | { op: `update_${WorkSection}`; id: string; set: Record<string, unknown> }
  | { op: `remove_${WorkSection}`; id: string }
  | { op: "add_milestone"; initiative: string; milestone: Partial<Milestone> & { name: string } }
  | { op: "update_milestone"; initiative: string; id: string; set: Partial<Milestone> }
  | { op: "remove_milestone"; initiative: string; id: string }
  | { op: "add_goal"; organisation: string; goal: { id?: string; text: string } }
  | { op: "update_goal"; organisation: string; id: string; set: { text: string } }
  | { op: "remove_goal"; organisation: string; id: string };

export const addOp = (section: WorkSection, item: Record<string, unknown>): WorkOp => ({ op: `add_${section}`, [section]: item });
export const updateOp = (section: WorkSection, id: string, set: Record<string, unknown>): WorkOp => ({ op: `update_${section}`, id, set });
export const removeOp = (section: WorkSection, id: string): WorkOp => ({ op: `remove_${section}`, id });

const base = (coalition: number) => `/api/coalitions/${coalition}`;

export const workApi = {
  work: (coalition: number) => request<Work>(`${base(coalition)}/work`),
  totals: (coalition: number, by: TotalsBy) => request<Totals>(`${base(coalition)}/resources/totals?by=${by}`),
  lineOfSight: (coalition: number, org: string) =>
    request<LineOfSight>(`${base(coalition)}/organisations/${encodeURIComponent(org)}/line-of-sight`),
  opportunities: (coalition: number) => request<Opportunities>(`${base(coalition)}/opportunities`),
  publications: (coalition: number) => request<Publication[] | { publications: Publication[] }>(`${base(coalition)}/publications`)
    .then((r) => (Array.isArray(r) ? r : r.publications)),
  publish: (coalition: number, choices: { show_people: boolean; show_organisations: boolean }) =>
    request<Publication>(`${base(coalition)}/publications`, { method: "POST", body: JSON.stringify(choices) }),
  revoke: (coalition: number, id: number | string) =>
    request<unknown>(`${base(coalition)}/publications/${id}`, { method: "DELETE" }),
};

/** The public, no-login reads of a published view. */
export const publicApi = {
  view: (token: string, root: string) => request<import("./types").MapView>(`/api/public/${encodeURIComponent(token)}/view?root=${encodeURIComponent(root)}`),
  opportunities: (token: string) => request<Opportunities>(`/api/public/${encodeURIComponent(token)}/opportunities`),
  work: (token: string) => request<Work>(`/api/public/${encodeURIComponent(token)}/work`),
};

/** "1 250 CAD", "40 hours": amounts in their own unit, never converted. */
export function amount(value: number, unit: string): string {
  const n = Number.isInteger(value) ? value.toLocaleString("en-CA") : value.toLocaleString("en-CA", { maximumFractionDigits: 2 });
  return `${n} ${unit}`;
}
