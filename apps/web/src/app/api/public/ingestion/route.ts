import { ZIngestionResponse } from "@loupe/contracts";
import { z } from "zod";
import { answerResponse, corsPreflight, defineRoute } from "@/lib/server/define-route";
import { publicApiEnv } from "@/node-server/env";
import { answerIngestionBatch, INGESTION_AUTH_ERROR, INGESTION_SCOPES } from "@/node-server/ingestion";

// The Node server in front of Next answers this route itself (node-server/hot-routes.ts, ADR 0005); this
// file answers it under `next dev`, and both go through answerIngestionBatch.
export const POST = defineRoute({
  auth: { kind: "apiKey", scopes: INGESTION_SCOPES },
  response: ZIngestionResponse,
  authErrorName: INGESTION_AUTH_ERROR,
  body: z.unknown(),
  maxBodyBytes: () => publicApiEnv().LOUPE_INGESTION_MAX_BODY_BYTES,
  handler: async ({ auth, body, requestId }) => answerResponse(await answerIngestionBatch(auth, body, requestId)),
});

export const OPTIONS = corsPreflight;
