// Reading the chosen file in the browser: CSV as text; XLSX through read-excel-file
// (first sheet), turned into CSV so the server reads one format with one set of rules.
/** A sheet cell as read-excel-file gives it (its d.ts says `typeof Date` for dates, which are Date objects). */
export type Cell = string | number | boolean | Date | null | undefined;

export function csvCell(value: Cell): string {
  if (value === null || value === undefined) return "";
  let text: string;
  if (value instanceof Date) {
    const iso = value.toISOString();
    text = iso.endsWith("T00:00:00.000Z") ? iso.slice(0, 10) : iso;
  } else text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function rowsToCsv(rows: Cell[][]): string {
  // Trailing empty rows of a sheet are not data.
  let end = rows.length;
  while (end > 0 && rows[end - 1].every((c) => c === null || c === undefined || c === "")) end--;
  return rows.slice(0, end).map((r) => r.map(csvCell).join(",")).join("\n") + "\n";
}

export function isXlsx(file: File): boolean {
  return /\.xlsx$/i.test(file.name) || file.type === "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
}

/** The file's content as CSV text; onProgress gets 0..1 while reading. */
export async function readAsCsv(file: File, onProgress: (fraction: number) => void): Promise<string> {
  if (isXlsx(file)) {
    onProgress(0.1);
    const { readSheet } = await import("read-excel-file/browser");
    const rows = await readSheet(file);
    onProgress(1);
    return rowsToCsv(rows as unknown as Cell[][]);
  }
  return new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onprogress = (e) => { if (e.lengthComputable) onProgress(e.loaded / e.total); };
    reader.onload = () => { onProgress(1); resolve(String(reader.result ?? "")); };
    reader.onerror = () => reject(new Error(`“${file.name}” could not be read.`));
    reader.readAsText(file);
  });
}
