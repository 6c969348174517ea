import { ZTraceParams, ZTraceQuery } from "@loupe/contracts";
import { deletePublicTraces, getPublicTrace } from "@loupe/server";
import { corsPreflight, defineRoute } from "@/lib/server/define-route";

export const GET = defineRoute({
  auth: { kind: "apiKey" },
  params: ZTraceParams,
  query: ZTraceQuery,
  handler: ({ auth, params, query }) => getPublicTrace(auth.projectId, params.traceId, query),
});

export const DELETE = defineRoute({
  auth: { kind: "apiKey" },
  params: ZTraceParams,
  handler: ({ auth, params }) => deletePublicTraces(auth.projectId, [params.traceId]),
});

export const OPTIONS = corsPreflight;
