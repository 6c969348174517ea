import { ZDeleteTracesBody, ZMessageResponse, ZTracesQuery, ZTracesResponse } from "@loupe/contracts";
import { deletePublicTraces, listPublicTraces } from "@loupe/server";
import { corsPreflight, defineRoute } from "@/lib/server/define-route";

export const GET = defineRoute({
  auth: { kind: "apiKey" },
  response: ZTracesResponse,
  query: ZTracesQuery,
  handler: ({ auth, query }) => listPublicTraces(auth.projectId, query),
});

export const DELETE = defineRoute({
  auth: { kind: "apiKey" },
  response: ZMessageResponse,
  body: ZDeleteTracesBody,
  handler: ({ auth, body }) => deletePublicTraces(auth.projectId, body.traceIds),
});

export const OPTIONS = corsPreflight;
