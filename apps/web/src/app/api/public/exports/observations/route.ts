import { ZObservationExportQuery } from "@loupe/contracts";
import { exportProjectObservations } from "@loupe/server";
import { corsPreflight, defineRoute } from "@/lib/server/define-route";
import { downloadResponse } from "@/lib/server/stream-response";

/** Loupe's own (not Langfuse's): the observations table's export with a project API key (README: "Export"). */
export const GET = defineRoute({
  auth: { kind: "apiKey" },
  query: ZObservationExportQuery,
  handler: async ({ auth, query }) => downloadResponse(await exportProjectObservations(auth.projectId, query, auth.audit)),
});

export const OPTIONS = corsPreflight;
