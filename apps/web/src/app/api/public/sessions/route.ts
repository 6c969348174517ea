import { ZSessionsQuery, ZSessionsResponse } from "@loupe/contracts";
import { listPublicSessions } from "@loupe/server";
import { corsPreflight, defineRoute } from "@/lib/server/define-route";

export const GET = defineRoute({
  auth: { kind: "apiKey" },
  response: ZSessionsResponse,
  query: ZSessionsQuery,
  handler: ({ auth, query }) => listPublicSessions(auth.projectId, query),
});

export const OPTIONS = corsPreflight;
