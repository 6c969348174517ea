import { getTraceDetail } from "@loupe/server";
import { z } from "zod";
import { defineRoute } from "@/lib/define-route";

export const GET = defineRoute({
  auth: { kind: "project" },
  params: z.object({ projectId: z.string(), traceId: z.string().min(1) }),
  handler: ({ auth, params }) => getTraceDetail(auth.projectId, params.traceId),
});
