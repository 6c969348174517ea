import { getSharedObservationPayload } from "@loupe/server";
import { z } from "zod";
import { defineRoute } from "@/lib/server/define-route";

/** Input/output of one observation of a public trace. */
export const GET = defineRoute({
  auth: { kind: "none" },
  params: z.object({ projectId: z.string().min(1), traceId: z.string().min(1), observationId: z.string().min(1) }),
  handler: ({ params }) => getSharedObservationPayload(params.projectId, params.traceId, params.observationId),
});
