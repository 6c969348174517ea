import { z } from "zod";
import { ZPageMeta, ZPageQuery } from "../common/pagination.ts";
import { ZQueryArray, ZQueryTimestamp } from "../common/query.ts";
import { ZPublicTrace } from "./traces.ts";

// /api/public/sessions — langfuse-api.md §5.3.

export const ZSessionsQuery = ZPageQuery.extend({
  fromTimestamp: ZQueryTimestamp,
  toTimestamp: ZQueryTimestamp,
  environment: ZQueryArray,
});
export type TSessionsQuery = z.infer<typeof ZSessionsQuery>;

export const ZSessionParams = z.object({ sessionId: z.string().min(1) });

export const ZPublicSession = z.object({
  id: z.string(),
  createdAt: z.string(),
  projectId: z.string(),
  environment: z.string(),
});
export type TPublicSession = z.infer<typeof ZPublicSession>;

export const ZSessionsResponse = z.object({ data: z.array(ZPublicSession), meta: ZPageMeta });
export type TSessionsResponse = z.infer<typeof ZSessionsResponse>;

export const ZSessionWithTraces = ZPublicSession.extend({ traces: z.array(ZPublicTrace) });
export type TSessionWithTraces = z.infer<typeof ZSessionWithTraces>;
