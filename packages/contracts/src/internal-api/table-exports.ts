import { z } from "zod";
import { type TObservationListItem, ZObservationListQuery, ZSessionListQuery, ZTraceListQuery, ZUserListQuery } from "./list-filters.ts";
import type { TSessionSummary } from "./sessions.ts";
import type { TTraceListItem } from "./traces.ts";
import type { TUserSummary } from "./users.ts";

// Export of a table's filtered list: the table's own query parameters plus a format. Rows stream out
// newest first in keyset pages, so the server never holds the whole list.

export const EXPORT_FORMATS = ["csv", "jsonl"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** An export stops after this many rows (newest first): narrow the time range for older ones. */
export const EXPORT_MAX_ROWS = 100_000;

const format = {
  format: z.preprocess(
    (v) => (v === "" || v === null ? undefined : v),
    z.enum(EXPORT_FORMATS, { message: "format must be csv or jsonl" }).default("csv"),
  ),
};

/** `GET …/traces/export`: the traces table's query (sort and page are ignored) and a format. */
export const ZTraceExportQuery = ZTraceListQuery.safeExtend(format);
export type TTraceExportQuery = z.infer<typeof ZTraceExportQuery>;

/** `GET …/observations/export`: the observations table's query and a format. */
export const ZObservationExportQuery = ZObservationListQuery.safeExtend(format);
export type TObservationExportQuery = z.infer<typeof ZObservationExportQuery>;

/** `GET …/sessions/export`: the sessions list's filters (its sort and page do not apply: in session id order). */
export const ZSessionExportQuery = ZSessionListQuery.safeExtend(format);
export type TSessionExportQuery = z.infer<typeof ZSessionExportQuery>;

/** `GET …/users/export`: the users list's filters, in user id order. */
export const ZUserExportQuery = ZUserListQuery.safeExtend(format);
export type TUserExportQuery = z.infer<typeof ZUserExportQuery>;

/** The columns of an exported trace (CSV header order; JSONL objects carry the same keys). */
export const TRACE_EXPORT_COLUMNS = [
  "id",
  "timestamp",
  "name",
  "userId",
  "sessionId",
  "environment",
  "release",
  "version",
  "tags",
  "level",
  "observationCount",
  "latencyMs",
  "inputTokens",
  "outputTokens",
  "totalTokens",
  "totalCost",
] as const satisfies readonly (keyof TTraceListItem)[];

export const OBSERVATION_EXPORT_COLUMNS = [
  "id",
  "traceId",
  "type",
  "name",
  "startTime",
  "level",
  "environment",
  "model",
  "promptName",
  "promptVersion",
  "latencyMs",
  "timeToFirstTokenMs",
  "inputTokens",
  "outputTokens",
  "totalTokens",
  "totalCost",
] as const satisfies readonly (keyof TObservationListItem)[];

export const SESSION_EXPORT_COLUMNS = [
  "id",
  "userIds",
  "environment",
  "traceCount",
  "firstTraceAt",
  "lastTraceAt",
  "durationMs",
  "inputTokens",
  "outputTokens",
  "totalTokens",
  "totalCost",
] as const satisfies readonly (keyof TSessionSummary)[];

export const USER_EXPORT_COLUMNS = [
  "id",
  "traceCount",
  "sessionCount",
  "firstSeenAt",
  "lastSeenAt",
  "inputTokens",
  "outputTokens",
  "totalTokens",
  "totalCost",
] as const satisfies readonly (keyof TUserSummary)[];
