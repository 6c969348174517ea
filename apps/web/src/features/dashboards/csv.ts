import type { Row } from "./charts/prepare";

/** RFC 4180 CSV of a widget's rows; a leading =, +, - or @ is quoted with ' so spreadsheets don't run it. */
export function rowsToCsv(rows: Row[]): string {
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const cell = (v: unknown) => {
    let s = v === null || v === undefined ? "" : typeof v === "object" ? JSON.stringify(v) : String(v);
    if (/^[=+\-@\t\r]/.test(s) && !(typeof v === "number")) s = `'${s}`;
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [columns.map(cell).join(","), ...rows.map((r) => columns.map((c) => cell(r[c])).join(","))].join("\r\n");
}

export function downloadCsv(filename: string, rows: Row[]) {
  const url = URL.createObjectURL(new Blob([rowsToCsv(rows)], { type: "text/csv;charset=utf-8" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = `${filename.replace(/[^\w.-]+/g, "-").slice(0, 80) || "widget"}.csv`;
  a.click();
  URL.revokeObjectURL(url);
}
