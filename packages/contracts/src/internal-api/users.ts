import { z } from "zod";
import { ZPageMeta, ZPageQuery } from "../common/pagination.ts";
import { ZTraceListResponse } from "./traces.ts";

// Request/response shapes of /api/internal/projects/:projectId/users… (end users of the traced app).

// The list's query (filters, sort, page) lives in list-filters.ts with the other tables'.

export const ZUserSummary = z.object({
  id: z.string(),
  traceCount: z.number().int(),
  sessionCount: z.number().int(),
  firstSeenAt: z.string(),
  lastSeenAt: z.string(),
  totalCost: z.number().nullable(),
  inputTokens: z.number().nullable(),
  outputTokens: z.number().nullable(),
  totalTokens: z.number().nullable(),
});
export type TUserSummary = z.infer<typeof ZUserSummary>;

export const ZUserListResponse = z.object({ data: z.array(ZUserSummary), meta: ZPageMeta });
export type TUserListResponse = z.infer<typeof ZUserListResponse>;

export const ZUserDetailQuery = ZPageQuery;
export type TUserDetailQuery = z.infer<typeof ZUserDetailQuery>;

export const ZUserDetailResponse = z.object({ user: ZUserSummary, traces: ZTraceListResponse });
export type TUserDetailResponse = z.infer<typeof ZUserDetailResponse>;
