import { otlpToIngestionEvents } from "@loupe/domain";
import { logger } from "../logger.ts";
import { storeAndEnqueue } from "./accept-batch.ts";
import { decodeOtlpTraces, decompressOtlpBody, otlpEncodingOf } from "./otlp/decode-otlp.ts";
import { ExportTraceServiceResponse } from "./otlp/trace-proto.ts";

export type OtlpRequest = { body: Buffer; contentType: string | null; contentEncoding: string | null; maxBytes: number };

/**
 * The request path of POST /api/public/otel/v1/traces: decode, map spans to ingestion events, then
 * the same durable write + enqueue as the batch API. Malformed bodies throw a 400/413 DomainError.
 * The answer is an empty ExportTraceServiceResponse in the request's encoding (an empty protobuf
 * message is zero bytes; the JSON exporters parse `{}`): exporters only check for 2xx.
 */
export async function acceptOtlpTraces(
  input: { projectId: string; requestId?: string },
  request: OtlpRequest,
): Promise<{ body: Uint8Array<ArrayBuffer> | string; contentType: string; accepted: number; rejected: number }> {
  const encoding = otlpEncodingOf(request.contentType);
  const resourceSpans = decodeOtlpTraces(decompressOtlpBody(request.body, request.contentEncoding, request.maxBytes), encoding);
  const { events, rejected } = otlpToIngestionEvents(resourceSpans, { now: new Date() });
  if (rejected.length > 0) {
    // The mapping builds schema-valid events; a rejection means a client sent values we cannot store
    // (e.g. an id with a carriage return). Drop those spans, keep the rest, as Langfuse does.
    logger.warn({ requestId: input.requestId, projectId: input.projectId, rejected: rejected.slice(0, 5) }, "OTLP spans rejected");
  }
  await storeAndEnqueue(input.projectId, "otel", events, input.requestId);
  const counts = { accepted: events.length, rejected: rejected.length };
  return encoding === "protobuf"
    ? {
        body: new Uint8Array(ExportTraceServiceResponse.encode(ExportTraceServiceResponse.create({})).finish()),
        contentType: "application/x-protobuf",
        ...counts,
      }
    : { body: "{}", contentType: "application/json", ...counts };
}
