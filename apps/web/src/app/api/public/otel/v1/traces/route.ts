import { acceptOtlpTraces } from "@loupe/server";
import { corsPreflight, defineRoute } from "@/lib/server/define-route";
import { publicApiEnv } from "@/node-server/env";
import { countIngestionEvents } from "@/lib/server/metrics";

// OTLP/HTTP trace export (protobuf or JSON, optionally gzip). `x-langfuse-ingestion-version` is a hint we ignore.
export const POST = defineRoute({
  auth: { kind: "apiKey" },
  rawBody: true,
  maxBodyBytes: () => publicApiEnv().LOUPE_INGESTION_MAX_BODY_BYTES,
  handler: async ({ auth, rawBody, req, requestId }) => {
    const request = { body: rawBody, contentType: req.headers.get("content-type"), contentEncoding: req.headers.get("content-encoding") };
    const result = await acceptOtlpTraces(
      { projectId: auth.projectId, requestId },
      { ...request, maxBytes: publicApiEnv().LOUPE_INGESTION_MAX_BODY_BYTES },
    );
    countIngestionEvents("otel", result);
    return new Response(result.body, { status: 200, headers: { "content-type": result.contentType } });
  },
});

export const OPTIONS = corsPreflight;
