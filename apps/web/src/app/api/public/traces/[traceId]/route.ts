import { ZMessageResponse, ZTraceParams, ZTraceQuery, ZTraceWithFullDetails } from "@loupe/contracts";
import { deletePublicTraces, getPublicTrace } from "@loupe/server";
import { corsPreflight, defineRoute } from "@/lib/server/define-route";

export const GET = defineRoute({
  auth: { kind: "apiKey" },
  response: ZTraceWithFullDetails,
  params: ZTraceParams,
  query: ZTraceQuery,
  handler: ({ auth, params, query }) => getPublicTrace(auth.projectId, params.traceId, query),
});

export const DELETE = defineRoute({
  auth: { kind: "apiKey" },
  response: ZMessageResponse,
  params: ZTraceParams,
  handler: ({ auth, params }) => deletePublicTraces(auth.projectId, [params.traceId]),
});

export const OPTIONS = corsPreflight;
