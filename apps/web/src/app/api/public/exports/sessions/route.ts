import { ZSessionExportQuery } from "@loupe/contracts";
import { exportProjectSessions } from "@loupe/server";
import { corsPreflight, defineRoute } from "@/lib/server/define-route";
import { downloadResponse } from "@/lib/server/stream-response";

/** Loupe's own (not Langfuse's): the sessions list's export with a project API key (README: "Export"). */
export const GET = defineRoute({
  auth: { kind: "apiKey" },
  query: ZSessionExportQuery,
  handler: async ({ auth, query }) => downloadResponse(await exportProjectSessions(auth.projectId, query, auth.audit)),
});

export const OPTIONS = corsPreflight;
