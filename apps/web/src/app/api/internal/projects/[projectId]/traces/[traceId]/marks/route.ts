import { ZTraceMarksBody } from "@loupe/contracts";
import { setTraceMarks } from "@loupe/server";
import { z } from "zod";
import { defineRoute } from "@/lib/server/define-route";

/** The bookmark and tags of a trace; the role is checked here and again in the service. */
export const PATCH = defineRoute({
  auth: { kind: "project", minRole: "MEMBER" },
  params: z.object({ projectId: z.string(), traceId: z.string().min(1) }),
  body: ZTraceMarksBody,
  handler: ({ auth, params, body }) => setTraceMarks({ userId: auth.user.id, projectId: auth.projectId }, params.traceId, body),
});
