import { ZLlmConnectionsQuery, ZUpsertLlmConnectionBody } from "@loupe/contracts";
import { listLlmConnections, upsertLlmConnection } from "@loupe/server";
import { corsPreflight, defineRoute, json } from "@/lib/server/define-route";

export const GET = defineRoute({
  auth: { kind: "apiKey" },
  query: ZLlmConnectionsQuery,
  handler: ({ auth, query }) => listLlmConnections(auth.projectId, query),
});

/** Upserts on `provider`: 201 when it created the connection, 200 when it replaced one. */
export const PUT = defineRoute({
  auth: { kind: "apiKey" },
  body: ZUpsertLlmConnectionBody,
  handler: async ({ auth, body }) => {
    const { connection, created } = await upsertLlmConnection(auth.projectId, body, auth.audit);
    return json(connection, created ? 201 : 200);
  },
});

export const OPTIONS = corsPreflight;
