import { ZTraceSharingBody } from "@loupe/contracts";
import { getTraceDetail, setTracePublic } from "@loupe/server";
import { z } from "zod";
import { defineRoute } from "@/lib/server/define-route";

const params = z.object({ projectId: z.string(), traceId: z.string().min(1) });

export const GET = defineRoute({
  auth: { kind: "project", can: "traces:read" },
  params,
  handler: ({ auth, params }) => getTraceDetail(auth.projectId, params.traceId),
});

/** Share settings of a trace; the role is checked here and again in the service. */
export const PATCH = defineRoute({
  auth: { kind: "project", minRole: "MEMBER" },
  params,
  body: ZTraceSharingBody,
  handler: ({ auth, params, body }) =>
    setTracePublic({ userId: auth.user.id, projectId: auth.projectId }, params.traceId, body.public, body.hideIdentity),
});
