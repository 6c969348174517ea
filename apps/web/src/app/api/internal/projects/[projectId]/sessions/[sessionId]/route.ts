import { ZSessionDetailQuery } from "@loupe/contracts";
import { getSessionDetail } from "@loupe/server";
import { z } from "zod";
import { defineRoute } from "@/lib/server/define-route";

export const GET = defineRoute({
  auth: { kind: "project", can: "traces:read" },
  params: z.object({ projectId: z.string(), sessionId: z.string().min(1) }),
  query: ZSessionDetailQuery,
  handler: ({ auth, params, query }) => getSessionDetail(auth.projectId, params.sessionId, query),
});
