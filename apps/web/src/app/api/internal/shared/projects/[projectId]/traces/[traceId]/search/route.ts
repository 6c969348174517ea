import { ZTraceSearchQuery } from "@loupe/contracts";
import { searchSharedTrace } from "@loupe/server";
import { z } from "zod";
import { defineRoute } from "@/lib/server/define-route";

/** Search inside a public (shared) trace, without login; anything not shared answers 404. */
export const GET = defineRoute({
  auth: { kind: "none" },
  params: z.object({ projectId: z.string().min(1), traceId: z.string().min(1) }),
  query: ZTraceSearchQuery,
  handler: ({ params, query }) => searchSharedTrace(params.projectId, params.traceId, query.q),
});
