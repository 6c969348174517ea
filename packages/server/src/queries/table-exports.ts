import {
  EXPORT_MAX_ROWS,
  type ExportFormat,
  OBSERVATION_EXPORT_COLUMNS,
  SESSION_EXPORT_COLUMNS,
  TRACE_EXPORT_COLUMNS,
  type TObservationExportQuery,
  type TSessionExportQuery,
  type TTraceExportQuery,
  type TUserExportQuery,
  USER_EXPORT_COLUMNS,
} from "@loupe/contracts";
import { exportObservationPage, exportTraceGroupPage, exportTracePage, type KeysetCursor } from "@loupe/db";
import { csvHeader, csvLines, jsonLines } from "@loupe/domain";
import { type AuditContext, recordAudit } from "../audit/audit.ts";
import { sessionFilter, toSessionSummary } from "./sessions.ts";
import { traceGroupFilter } from "./trace-group-query.ts";
import { toUserSummary } from "./users.ts";

// Exports of the traces, observations, sessions and users lists: the list's filters, read in keyset
// pages of PAGE_ROWS and written out page by page, so memory holds one page whatever the export's size
// (up to EXPORT_MAX_ROWS rows). The consumer pulls: the next page is read only when the last one has
// been taken, so a slow download holds no more than a page either.

const PAGE_ROWS = 1_000;

/** A file to send: its type and name, and its text as it is produced. */
export type TableExport = { contentType: string; filename: string; body: AsyncGenerator<string> };

const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: "text/csv; charset=utf-8",
  jsonl: "application/x-ndjson; charset=utf-8",
};

type Page<R, C> = (after: C | null, limit: number) => Promise<R[]>;

/**
 * Reads the first page before answering, so a query the database refuses (a bad value: 400) fails
 * before any byte is sent; the rest is read as the body is consumed.
 */
async function exportRows<R, C>(
  what: string,
  format: ExportFormat,
  columns: readonly string[],
  page: Page<R, C>,
  cursorOf: (row: R) => C,
  toRecord: (row: R) => Record<string, unknown>,
): Promise<TableExport> {
  let rows = await page(null, Math.min(PAGE_ROWS, EXPORT_MAX_ROWS));
  const write = (batch: R[]) => (format === "csv" ? csvLines : jsonLines)(columns, batch.map(toRecord));
  async function* body() {
    if (format === "csv") yield csvHeader(columns);
    let sent = 0;
    for (;;) {
      if (rows.length > 0) yield write(rows);
      sent += rows.length;
      const last = rows.at(-1);
      if (!last || rows.length < PAGE_ROWS || sent >= EXPORT_MAX_ROWS) return;
      rows = await page(cursorOf(last), Math.min(PAGE_ROWS, EXPORT_MAX_ROWS - sent));
    }
  }
  const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, "-");
  return { contentType: CONTENT_TYPES[format], filename: `${what}-${stamp}.${format}`, body: body() };
}

/** The traces table's filtered rows as CSV or JSONL (its sort and page do not apply: newest first). */
export async function exportProjectTraces(projectId: string, query: TTraceExportQuery, audit: AuditContext): Promise<TableExport> {
  const { page: _page, limit: _limit, sort: _sort, order: _order, format, ...filter } = query;
  const file = await exportRows(
    "traces",
    format,
    TRACE_EXPORT_COLUMNS,
    (after: KeysetCursor | null, limit) => exportTracePage({ ...filter, projectId }, after, limit),
    (r) => ({ at: r.timestamp, id: r.id }),
    ({ highestLevel, ...r }) => ({ ...r, timestamp: r.timestamp.toISOString(), level: r.observationCount > 0 ? highestLevel : null }),
  );
  await auditExport(audit, projectId, "traces", format, filter);
  return file;
}

/** The observations table's filtered rows as CSV or JSONL, newest first. */
export async function exportProjectObservations(
  projectId: string,
  query: TObservationExportQuery,
  audit: AuditContext,
): Promise<TableExport> {
  const { page: _page, limit: _limit, sort: _sort, order: _order, format, ...filter } = query;
  const file = await exportRows(
    "observations",
    format,
    OBSERVATION_EXPORT_COLUMNS,
    (after: KeysetCursor | null, limit) => exportObservationPage({ ...filter, projectId }, after, limit),
    (r) => ({ at: r.startTime, id: r.id }),
    (r) => ({ ...r, startTime: r.startTime.toISOString() }),
  );
  await auditExport(audit, projectId, "observations", format, filter);
  return file;
}

/** The sessions list's filtered sessions as CSV or JSONL, in session id order (the list's sort does not apply). */
export async function exportProjectSessions(projectId: string, query: TSessionExportQuery, audit: AuditContext): Promise<TableExport> {
  const filter = sessionFilter(query);
  const file = await exportRows(
    "sessions",
    query.format,
    SESSION_EXPORT_COLUMNS,
    (after: string | null, limit) => exportTraceGroupPage({ projectId, by: "sessionId", filter }, after, limit),
    (r) => r.id,
    (r) => toSessionSummary(r, []),
  );
  await auditExport(audit, projectId, "sessions", query.format, filter);
  return file;
}

/** The users list's filtered users as CSV or JSONL, in user id order. */
export async function exportProjectUsers(projectId: string, query: TUserExportQuery, audit: AuditContext): Promise<TableExport> {
  const filter = traceGroupFilter(query);
  const file = await exportRows(
    "users",
    query.format,
    USER_EXPORT_COLUMNS,
    (after: string | null, limit) => exportTraceGroupPage({ projectId, by: "userId", filter }, after, limit),
    (r) => r.id,
    toUserSummary,
  );
  await auditExport(audit, projectId, "users", query.format, filter);
  return file;
}

/** An export is recorded once its first page has been read (a refused query is a 400, not an export). */
const auditExport = (
  audit: AuditContext,
  projectId: string,
  what: "traces" | "observations" | "sessions" | "users",
  format: string,
  filter: unknown,
) => recordAudit(undefined, audit, { action: `${what}.exported`, projectId, resource: { type: what }, after: { format, filter } });
