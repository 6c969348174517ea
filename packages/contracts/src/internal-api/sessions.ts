import { z } from "zod";
import { ZListPageMeta, ZPageMeta, ZPageQuery } from "../common/pagination.ts";
import { ZTraceListItem, ZTraceScoreAggregate } from "./traces.ts";

// Request/response shapes of /api/internal/projects/:projectId/sessions… (the UI's react-query hooks).

// The list's query (filters, sort, page) lives in list-filters.ts with the other tables'.

/** Aggregates over the traces of one session (list rows and the totals on the session page). */
export const ZSessionSummary = z.object({
  id: z.string(),
  traceCount: z.number().int(),
  userIds: z.array(z.string()),
  environment: z.string(),
  firstTraceAt: z.string(),
  lastTraceAt: z.string(),
  durationMs: z.number().nullable(),
  totalCost: z.number().nullable(),
  inputTokens: z.number().nullable(),
  outputTokens: z.number().nullable(),
  totalTokens: z.number().nullable(),
  /** Scores given to the session itself (Score.sessionId), per name. */
  scores: z.array(ZTraceScoreAggregate),
});
export type TSessionSummary = z.infer<typeof ZSessionSummary>;

export const ZSessionListResponse = z.object({ data: z.array(ZSessionSummary), meta: ZPageMeta });
export type TSessionListResponse = z.infer<typeof ZSessionListResponse>;

/** The session page loads its turns (traces, oldest first, with input and output) a page at a time. */
export const SESSION_TURNS_PAGE_SIZE = 20;
export const ZSessionDetailQuery = z.object({
  page: ZPageQuery.shape.page,
  limit: z.preprocess((v) => (v === "" ? undefined : v), z.coerce.number().int().min(1).max(50).default(SESSION_TURNS_PAGE_SIZE)),
});
export type TSessionDetailQuery = z.infer<typeof ZSessionDetailQuery>;

export const ZSessionTurn = ZTraceListItem.extend({ input: z.unknown(), output: z.unknown() });
export type TSessionTurn = z.infer<typeof ZSessionTurn>;

export const ZSessionDetailResponse = z.object({
  session: ZSessionSummary,
  turns: z.object({ data: z.array(ZSessionTurn), meta: ZListPageMeta }),
});
export type TSessionDetailResponse = z.infer<typeof ZSessionDetailResponse>;
