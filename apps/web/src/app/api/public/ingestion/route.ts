import { ZIngestionResponse, ingestionResponseBody } from "@loupe/contracts";
import { acceptIngestionBatch } from "@loupe/server";
import { z } from "zod";
import { corsPreflight, defineRoute, json } from "@/lib/server/define-route";
import { webEnv } from "@/lib/server/env";
import { countIngestionEvents } from "@/lib/server/metrics";

export const POST = defineRoute({
  auth: { kind: "apiKey", scopes: ["project", "scores"] },
  response: ZIngestionResponse,
  authErrorName: "UnauthorizedError",
  body: z.unknown(),
  maxBodyBytes: () => webEnv().LOUPE_INGESTION_MAX_BODY_BYTES,
  handler: async ({ auth, body, requestId }) => {
    const result = await acceptIngestionBatch({ projectId: auth.projectId, scope: auth.scope, requestId }, body);
    if (!result.ok) return json({ message: "Invalid request data", errors: result.issues }, 400);
    const accepted = result.outcomes.filter((o) => o.outcome === "stored").length;
    countIngestionEvents("ingestion", { accepted, rejected: result.outcomes.length - accepted });
    return json(ingestionResponseBody(result.outcomes), 207);
  },
});

export const OPTIONS = corsPreflight;
