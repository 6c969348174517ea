import { getObservationPayload } from "@loupe/server";
import { z } from "zod";
import { defineRoute } from "@/lib/server/define-route";

export const GET = defineRoute({
  auth: { kind: "project", can: "traces:read" },
  params: z.object({ projectId: z.string(), observationId: z.string().min(1) }),
  handler: ({ auth, params }) => getObservationPayload(auth.projectId, params.observationId),
});
