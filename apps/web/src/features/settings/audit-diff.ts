/** One changed top-level field of an audited change, both sides as display text. */
export type AuditDiffRow = { field: string; before: string | null; after: string | null };

const asText = (value: unknown) => (value === undefined ? null : typeof value === "string" ? value : JSON.stringify(value, null, 1));

/** The fields whose value differs between before and after (a non-object side counts as one field "value"). */
export function auditDiff(before: unknown, after: unknown): AuditDiffRow[] {
  const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
  const b = isRecord(before) ? before : before == null ? {} : { value: before };
  const a = isRecord(after) ? after : after == null ? {} : { value: after };
  const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])].sort();
  return fields.map((field) => ({ field, before: asText(b[field]), after: asText(a[field]) })).filter((row) => row.before !== row.after);
}
