import { ZUserExportQuery } from "@loupe/contracts";
import { exportProjectUsers } from "@loupe/server";
import { corsPreflight, defineRoute } from "@/lib/server/define-route";
import { downloadResponse } from "@/lib/server/stream-response";

/** Loupe's own (not Langfuse's): the users list's export with a project API key (README: "Export"). */
export const GET = defineRoute({
  auth: { kind: "apiKey" },
  query: ZUserExportQuery,
  handler: async ({ auth, query }) => downloadResponse(await exportProjectUsers(auth.projectId, query, auth.audit)),
});

export const OPTIONS = corsPreflight;
