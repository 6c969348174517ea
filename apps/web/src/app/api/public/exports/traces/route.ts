import { ZTraceExportQuery } from "@loupe/contracts";
import { exportProjectTraces } from "@loupe/server";
import { corsPreflight, defineRoute } from "@/lib/server/define-route";
import { downloadResponse } from "@/lib/server/stream-response";

/** Loupe's own (not Langfuse's): the traces table's export with a project API key (README: "Export"). */
export const GET = defineRoute({
  auth: { kind: "apiKey" },
  query: ZTraceExportQuery,
  handler: async ({ auth, query }) => downloadResponse(await exportProjectTraces(auth.projectId, query, auth.audit)),
});

export const OPTIONS = corsPreflight;
