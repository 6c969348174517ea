import Papa from "papaparse";

// The file formats of a table export, written a page at a time: CSV (RFC 4180, CRLF) and JSON Lines.
// Exported text is user content (trace names, user ids, tags): a spreadsheet would run a cell that
// starts with = + - @ or a tab/CR as a formula, so such text cells get a leading apostrophe
// (papaparse's escapeFormulae, which leaves numbers alone: -5 stays a number).

type Row = Record<string, unknown>;

/** A cell as CSV text: lists and objects as JSON, null as empty, numbers and strings as they are. */
const csvCell = (v: unknown) => (v === null || v === undefined ? null : typeof v === "object" ? JSON.stringify(v) : v);

/** The CSV header line of `columns`. */
export function csvHeader(columns: readonly string[]): string {
  return `${Papa.unparse([[...columns]], { newline: "\r\n" })}\r\n`;
}

/** CSV lines of `rows` in the order of `columns` (no header), each ending with CRLF; "" for no rows. */
export function csvLines(columns: readonly string[], rows: readonly Row[]): string {
  if (rows.length === 0) return "";
  const data = rows.map((r) => columns.map((c) => csvCell(r[c])));
  return `${Papa.unparse(data, { newline: "\r\n", escapeFormulae: true, header: false })}\r\n`;
}

/** One JSON object per line with exactly `columns` (null for a missing value). */
export function jsonLines(columns: readonly string[], rows: readonly Row[]): string {
  return rows.map((r) => `${JSON.stringify(Object.fromEntries(columns.map((c) => [c, r[c] ?? null])))}\n`).join("");
}
