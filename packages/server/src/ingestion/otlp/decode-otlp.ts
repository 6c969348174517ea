import { gunzipSync } from "node:zlib";
import type { TOtlpAttributes, TOtlpResourceSpans, TOtlpSpan, TOtlpSpanEvent, TOtlpValue } from "@loupe/contracts";
import { DomainError, badRequest } from "../../errors.ts";
import { ExportTraceServiceRequest } from "./trace-proto.ts";

// Decodes an OTLP trace export (shared/langfuse-api.md §4.1): gzip or not, protobuf or OTLP/JSON.
// Protobuf is decoded with protobufjs and turned into plain objects; from there both encodings go
// through one normaliser, which accepts the variants real exporters send (hex or base64 ids,
// nanoseconds as decimal strings, numbers or {low, high} longs, enums as numbers or names).

export type OtlpEncoding = "json" | "protobuf";

const invalid = badRequest;

export function otlpEncodingOf(contentType: string | null): OtlpEncoding {
  const type = (contentType ?? "").toLowerCase();
  if (type.includes("application/json")) return "json";
  if (type.includes("application/x-protobuf") || type.includes("application/protobuf")) return "protobuf";
  throw invalid("Invalid content type: send application/json or application/x-protobuf");
}

/**
 * Gunzips when the client says so (or the body starts with the gzip magic bytes, which neither JSON
 * nor a protobuf message can). The decompressed size is capped too, so a small zip bomb cannot
 * allocate gigabytes.
 */
export function decompressOtlpBody(body: Buffer, contentEncoding: string | null, maxBytes: number): Buffer {
  const encoding = (contentEncoding ?? "").toLowerCase().trim();
  const gzipped = encoding === "gzip" || (body[0] === 0x1f && body[1] === 0x8b);
  if (!gzipped) {
    if (encoding !== "" && encoding !== "identity") throw invalid(`Unsupported Content-Encoding "${encoding}": send gzip or none`);
    return body;
  }
  try {
    return gunzipSync(body, { maxOutputLength: maxBytes });
  } catch (error) {
    if ((error as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") {
      throw new DomainError(413, `Decompressed request body is larger than the limit of ${maxBytes} bytes`, "PayloadTooLarge");
    }
    throw invalid(`Request body is not valid gzip: ${(error as Error).message}`);
  }
}

export function decodeOtlpTraces(body: Buffer, encoding: OtlpEncoding): TOtlpResourceSpans[] {
  let message: unknown;
  if (encoding === "protobuf") {
    try {
      const decoded = ExportTraceServiceRequest.decode(body);
      message = ExportTraceServiceRequest.toObject(decoded, { longs: String, arrays: true });
    } catch (error) {
      throw invalid(`Request body is not a valid OTLP protobuf ExportTraceServiceRequest: ${(error as Error).message}`);
    }
  } else {
    const text = body.toString("utf8");
    if (text.trim() === "") return [];
    try {
      message = JSON.parse(text);
    } catch (error) {
      throw invalid(`Request body is not valid JSON: ${(error as Error).message}`);
    }
  }
  return normalizeExportRequest(message);
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

function list(value: unknown, what: string): unknown[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw invalid(`${what} must be an array`);
  return value;
}

export function normalizeExportRequest(message: unknown): TOtlpResourceSpans[] {
  if (!isObj(message)) throw invalid("Request body must be an OTLP ExportTraceServiceRequest object");
  return list(message.resourceSpans, "resourceSpans").map((rs, i) => {
    const r = isObj(rs) ? rs : {};
    const resource = isObj(r.resource) ? r.resource : {};
    return {
      resource: { attributes: attributes(resource.attributes, `resourceSpans[${i}].resource.attributes`) },
      // Old exporters (OTLP < 0.19) called scopeSpans instrumentationLibrarySpans.
      scopeSpans: list(r.scopeSpans ?? r.instrumentationLibrarySpans, `resourceSpans[${i}].scopeSpans`).map((ss, j) => {
        const s = isObj(ss) ? ss : {};
        const scope = isObj(s.scope) ? s.scope : isObj(s.instrumentationLibrary) ? s.instrumentationLibrary : {};
        const path = `resourceSpans[${i}].scopeSpans[${j}]`;
        return {
          scope: {
            name: typeof scope.name === "string" ? scope.name : "",
            version: typeof scope.version === "string" && scope.version !== "" ? scope.version : null,
            attributes: attributes(scope.attributes, `${path}.scope.attributes`),
          },
          spans: list(s.spans, `${path}.spans`).map((span, k) => normalizeSpan(span, `${path}.spans[${k}]`)),
        };
      }),
    };
  });
}

function normalizeSpan(raw: unknown, path: string): TOtlpSpan {
  if (!isObj(raw)) throw invalid(`${path} must be an object`);
  const traceId = id(raw.traceId, 16);
  const spanId = id(raw.spanId, 8);
  if (!traceId || /^0+$/.test(traceId)) throw invalid(`${path}.traceId is not a valid 16-byte trace id`);
  if (!spanId || /^0+$/.test(spanId)) throw invalid(`${path}.spanId is not a valid 8-byte span id`);
  const parent = id(raw.parentSpanId, 8);
  const status = isObj(raw.status) ? raw.status : {};
  return {
    traceId,
    spanId,
    parentSpanId: parent && !/^0+$/.test(parent) ? parent : null,
    name: typeof raw.name === "string" ? raw.name : "",
    kind: enumNumber(raw.kind, "SPAN_KIND_", ["UNSPECIFIED", "INTERNAL", "SERVER", "CLIENT", "PRODUCER", "CONSUMER"]),
    startTimeUnixNano: nanos(raw.startTimeUnixNano),
    endTimeUnixNano: nanos(raw.endTimeUnixNano),
    attributes: attributes(raw.attributes, `${path}.attributes`),
    events: list(raw.events, `${path}.events`).map((e, i): TOtlpSpanEvent => {
      const ev = isObj(e) ? e : {};
      return {
        name: typeof ev.name === "string" ? ev.name : "",
        timeUnixNano: nanos(ev.timeUnixNano),
        attributes: attributes(ev.attributes, `${path}.events[${i}].attributes`),
      };
    }),
    status: {
      code: enumNumber(status.code, "STATUS_CODE_", ["UNSET", "OK", "ERROR"]),
      message: typeof status.message === "string" && status.message !== "" ? status.message : null,
    },
  };
}

/** Ids: bytes (protobuf), hex strings (OTLP/JSON) or base64 strings (protobufjs-style JSON). */
function id(value: unknown, bytes: number): string | null {
  if (value instanceof Uint8Array) return value.length === bytes ? Buffer.from(value).toString("hex") : null;
  if (typeof value !== "string" || value === "") return null;
  if (value.length === bytes * 2 && /^[0-9a-fA-F]+$/.test(value)) return value.toLowerCase();
  if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(value)) {
    const decoded = Buffer.from(value, "base64");
    if (decoded.length === bytes) return decoded.toString("hex");
  }
  return null;
}

/** Nanosecond timestamps as a decimal string, whatever form the exporter used. */
function nanos(value: unknown): string | null {
  if (typeof value === "string" && /^\d+$/.test(value)) return value.replace(/^0+(?=\d)/, "");
  if (typeof value === "number" && Number.isFinite(value) && value >= 0) return BigInt(Math.round(value)).toString();
  if (isObj(value) && typeof value.low === "number" && typeof value.high === "number") {
    return ((BigInt(value.high >>> 0) << 32n) | BigInt(value.low >>> 0)).toString();
  }
  return null;
}

function enumNumber(value: unknown, prefix: string, names: string[]): number {
  if (typeof value === "number") return value;
  if (typeof value === "string") {
    const index = names.indexOf(value.replace(prefix, "").toUpperCase());
    return Math.max(index, 0);
  }
  return 0;
}

function attributes(value: unknown, path: string): TOtlpAttributes {
  const out: TOtlpAttributes = {};
  for (const kv of list(value, path)) {
    if (isObj(kv) && typeof kv.key === "string") out[kv.key] = anyValue(kv.value);
  }
  return out;
}

/** AnyValue → plain JSON. int64 beyond 2^53 stays a decimal string rather than losing digits. */
function anyValue(value: unknown): TOtlpValue {
  if (!isObj(value)) return null;
  if (typeof value.stringValue === "string") return value.stringValue;
  if (typeof value.boolValue === "boolean") return value.boolValue;
  if (value.intValue !== undefined && value.intValue !== null) {
    const text = typeof value.intValue === "object" ? nanos(value.intValue) : String(value.intValue);
    const n = Number(text);
    return text !== null && Number.isSafeInteger(n) ? n : text;
  }
  if (value.doubleValue !== undefined && value.doubleValue !== null) {
    const n = Number(value.doubleValue);
    // JSON has no NaN/Infinity: keep those as their names.
    return Number.isFinite(n) ? n : String(value.doubleValue);
  }
  if (isObj(value.arrayValue)) return list(value.arrayValue.values, "arrayValue.values").map(anyValue);
  if (isObj(value.kvlistValue)) return attributes(value.kvlistValue.values, "kvlistValue.values");
  if (value.bytesValue instanceof Uint8Array) return Buffer.from(value.bytesValue).toString("base64");
  if (typeof value.bytesValue === "string") return value.bytesValue;
  return null;
}
