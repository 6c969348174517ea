import { getSharedTraceDetail } from "@loupe/server";
import { z } from "zod";
import { defineRoute } from "@/lib/server/define-route";

/** A public (shared) trace, readable without login; private traces and other projects answer 404. */
export const GET = defineRoute({
  auth: { kind: "none" },
  params: z.object({ projectId: z.string().min(1), traceId: z.string().min(1) }),
  handler: ({ params }) => getSharedTraceDetail(params.projectId, params.traceId),
});
