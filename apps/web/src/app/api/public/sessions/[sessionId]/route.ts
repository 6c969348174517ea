import { ZSessionParams, ZSessionWithTraces } from "@loupe/contracts";
import { getPublicSession } from "@loupe/server";
import { corsPreflight, defineRoute } from "@/lib/server/define-route";

export const GET = defineRoute({
  auth: { kind: "apiKey" },
  response: ZSessionWithTraces,
  params: ZSessionParams,
  handler: ({ auth, params }) => getPublicSession(auth.projectId, params.sessionId),
});

export const OPTIONS = corsPreflight;
