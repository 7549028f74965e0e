// The shapes of coalign's HTTP API (DESIGN.md §4), as the web app reads and writes them.
import type { WorkOp } from "./work";

export type StatementId = string;
export type LinkId = string;

export interface Position { x: number; y: number }

export interface CoalitionSummary {
  id: number; name: string; revision: number; statements: number; links: number;
}

export interface Statement {
  id: StatementId;
  title: string;
  description: string;
  parent: StatementId | null;
  layer: string | null;
  theme: string | null;
  tags: string[];
  status: string;
  position: Position | null;
  child_count: number;
  descendant_count: number;
  /** Comments in open (unresolved) threads on this statement. */
  comment_count?: number;
}

export type LiftedPolarity = "+" | "-" | "mixed";
export type Polarity = 1 | -1 | 0;

export interface LiftedLink { from: StatementId; to: StatementId; count: number; polarity: LiftedPolarity }

export interface LinkDetail {
  id: LinkId; from: StatementId; to: StatementId; polarity: Polarity; weight: number;
  assumption: string; evidence: string;
  /** Comments in open (unresolved) threads on this link. */
  comment_count?: number;
}

export interface Layer { id: string; name: string }
export interface Theme { id: string; name: string; color: string; description: string }

export interface MapView {
  coalition: { id: number; name: string };
  revision: number;
  root: "top" | StatementId;
  visible: StatementId[];
  links: LiftedLink[];
  external: Record<StatementId, { in: number; out: number }>;
  link_ids: LinkId[][];
  statements: Record<StatementId, Statement>;
  link_details: Record<LinkId, LinkDetail>;
  breadcrumb: { id: StatementId; title: string }[];
  layers: Layer[];
  themes: Theme[];
}

export interface NewStatement {
  id?: StatementId; title: string; description: string; parent: StatementId | null;
  layer: string | null; theme: string | null; tags: string[]; status: string; position: Position | null;
}
export interface NewLink {
  id?: LinkId; from: StatementId; to: StatementId; polarity: Polarity; weight: number;
  assumption: string; evidence: string;
}
export type StatementFields = Partial<Pick<Statement, "title" | "description" | "layer" | "theme" | "tags" | "status" | "position">>;
export type LinkFields = Partial<Pick<LinkDetail, "polarity" | "weight" | "assumption" | "evidence">>;

export type Op =
  | { op: "add_statement"; statement: NewStatement }
  | { op: "update_statement"; id: StatementId; set: StatementFields }
  | { op: "move_statement"; id: StatementId; parent: StatementId | null }
  | { op: "remove_statement"; id: StatementId; cascade: boolean }
  | { op: "add_link"; link: NewLink }
  | { op: "update_link"; id: LinkId; set: LinkFields }
  | { op: "remove_link"; id: LinkId }
  | { op: "set_positions"; positions: { id: StatementId; x: number; y: number }[] }
  | { op: "add_theme"; theme: Partial<Theme> & { name: string } }
  | { op: "update_theme"; id: string; set: Partial<Omit<Theme, "id">> }
  | { op: "remove_theme"; id: string }
  | { op: "add_layer"; layer: { id?: string; name: string } }
  | { op: "update_layer"; id: string; set: { name: string } }
  | { op: "remove_layer"; id: string }
  | import("../measures/types").MeasureOp
  | WorkOp;

export interface CommitResult { revision: number; ids: (string | null)[]; warnings?: string[] }

/** RFC 9457 problem details, with coalign's per-op reasons. */
export interface Problem {
  type?: string; title?: string; status?: number; detail?: string;
  errors?: { op?: number; reason?: string; field?: string }[];
}
