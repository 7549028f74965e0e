// The shapes of the measures/progress API (docs/progress-api.md): measures on statements,
// their data points, the coalition's thresholds, and the status the server computes
// exactly as shared/reference/progress_reference.py defines it.

export type Direction = "up" | "down";
export type MeasureKind = "population" | "performance";
export type Status = "on_track" | "at_risk" | "off_track" | "no_data";

export interface DatedValue { date: string; value: number }

export interface DataPoint { date: string; value: number; note?: string; entered_by?: string }

export interface Measure {
  id: string;
  statement: string;
  name: string;
  description?: string;
  kind?: MeasureKind;
  unit?: string;
  direction: Direction;
  baseline: DatedValue;
  targets: DatedValue[];
  period_days?: number;
  data_source?: string;
  weight?: number;
  group?: string | null;
}

export interface MeasureWithPoints extends Measure { points: DataPoint[] }

export interface Settings { on_track: number; at_risk: number }

export interface MeasuresAnswer { revision: number; settings: Settings; measures: MeasureWithPoints[] }

export interface MeasureProgress { score: number | null; status: Status; stale: boolean; value: number | null; date: string | null }
export interface StatementProgress { score: number | null; status: Status }
export interface Progress {
  as_of: string;
  measures: Record<string, MeasureProgress>;
  statements: Record<string, StatementProgress>;
}

export type NewMeasure = Omit<Measure, "id"> & { id?: string };
export type MeasureFields = Partial<Omit<Measure, "id">>;

export type MeasureOp =
  | { op: "add_measure"; measure: NewMeasure }
  | { op: "update_measure"; id: string; set: MeasureFields }
  | { op: "remove_measure"; id: string }
  | { op: "set_data_points"; measure: string; points: { date: string; value: number; note?: string }[] }
  | { op: "remove_data_points"; measure: string; dates: string[] }
  | { op: "update_settings"; set: Partial<Settings> };

/** The import endpoint's answers (POST /imports/data-points). */
export interface ImportRequest {
  format: "csv" | "xlsx";
  content: string;
  date_column?: string | null;
  value_column?: string | null;
  group_column?: string | null;
  year_as?: "end" | "start";
  statement?: string;
  measure?: Partial<NewMeasure>;
  commit?: boolean;
  base_revision?: number;
}
export interface ImportColumns {
  columns: string[];
  sample: string[][];
  guess: { date_column: string | null; value_column: string | null; group_column: string | null };
}
export interface ImportPreview {
  columns: string[];
  rows: number;
  measures: { group: string | null; points: number; first_date: string; last_date: string }[];
  sample: string[][];
  skipped: { line: number; reason: string }[];
}
export interface ImportCommitted { revision: number; measures: string[]; points: number }
