// Rows pasted from a spreadsheet (tab-separated) or typed as CSV: date, value, note.
import { normaliseDate, parseNumber } from "./status";

export interface PastedRows {
  points: { date: string; value: number; note: string }[];
  skipped: { line: number; reason: string }[];
}

function splitLine(line: string): string[] {
  if (line.includes("\t")) return line.split("\t");
  // A CSV line, with "quoted, fields".
  const out: string[] = []; let cell = ""; let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') { cell += '"'; i++; } else if (c === '"') quoted = false; else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === "," || c === ";") { out.push(cell); cell = ""; } else cell += c;
  }
  out.push(cell);
  return out;
}

/** Parses pasted lines; a first line that is a header (no date in it) is skipped silently. */
export function parsePastedRows(text: string, yearAs: "end" | "start" = "end"): PastedRows {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  const points: PastedRows["points"] = []; const skipped: PastedRows["skipped"] = [];
  const seen = new Map<string, number>();
  lines.forEach((raw, index) => {
    const line = index + 1;
    if (!raw.trim()) return;
    const cells = splitLine(raw).map((c) => c.trim());
    const date = normaliseDate(cells[0] ?? "", yearAs);
    if (!date) {
      if (index === 0 && parseNumber(cells[1] ?? "") === null) return; // a header row
      skipped.push({ line, reason: `“${cells[0] ?? ""}” is not a date (YYYY-MM-DD or a year)` });
      return;
    }
    const value = parseNumber(cells[1] ?? "");
    if (value === null) { skipped.push({ line, reason: `“${cells[1] ?? ""}” is not a number` }); return; }
    if (seen.has(date)) { skipped.push({ line, reason: `${date} is also on line ${seen.get(date)}` }); return; }
    seen.set(date, line);
    points.push({ date, value, note: cells.slice(2).join(" ").trim() });
  });
  return { points, skipped };
}
