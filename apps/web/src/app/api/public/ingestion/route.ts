import { ZIngestionResponse } from "@loupe/contracts";
import { acceptIngestionBatch } from "@loupe/server";
import { z } from "zod";
import { corsPreflight, defineRoute, json } from "@/lib/server/define-route";
import { webEnv } from "@/lib/server/env";

export const POST = defineRoute({
  auth: { kind: "apiKey", scopes: ["project", "scores"] },
  response: ZIngestionResponse,
  authErrorName: "UnauthorizedError",
  body: z.unknown(),
  maxBodyBytes: () => webEnv().LOUPE_INGESTION_MAX_BODY_BYTES,
  handler: async ({ auth, body, requestId }) => {
    const result = await acceptIngestionBatch({ projectId: auth.projectId, scope: auth.scope, requestId }, body);
    return json(result.body, result.status);
  },
});

export const OPTIONS = corsPreflight;
