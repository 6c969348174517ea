import { ZTraceSearchQuery } from "@loupe/contracts";
import { searchTrace } from "@loupe/server";
import { z } from "zod";
import { defineRoute } from "@/lib/server/define-route";

/** Search inside a trace: which observations' input or output contains `q`. */
export const GET = defineRoute({
  auth: { kind: "project", can: "traces:read" },
  params: z.object({ projectId: z.string(), traceId: z.string().min(1) }),
  query: ZTraceSearchQuery,
  handler: ({ auth, params, query }) => searchTrace(auth.projectId, params.traceId, query.q),
});
