// OTLP trace export (POST /api/public/otel/v1/traces, shared/langfuse-api.md §4), after decoding.
// Protobuf and OTLP/JSON bodies are both normalised into these plain shapes by the server's decoder,
// so the span → event mapping in @loupe/domain sees one representation: ids as lowercase hex,
// timestamps as decimal nanosecond strings, attribute values as plain JSON values.

/** An OTLP AnyValue as plain JSON: arrays stay arrays, kvlists become objects, bytes become base64. */
export type TOtlpValue = string | number | boolean | null | TOtlpValue[] | { [key: string]: TOtlpValue };

export type TOtlpAttributes = Record<string, TOtlpValue>;

/** Span status codes of the OTLP spec. */
export const OTLP_STATUS = { UNSET: 0, OK: 1, ERROR: 2 } as const;

export type TOtlpSpanEvent = {
  name: string;
  /** Nanoseconds since the epoch as a decimal string; null when absent. */
  timeUnixNano: string | null;
  attributes: TOtlpAttributes;
};

export type TOtlpSpan = {
  /** 32 lowercase hex characters. */
  traceId: string;
  /** 16 lowercase hex characters. */
  spanId: string;
  parentSpanId: string | null;
  name: string;
  kind: number;
  startTimeUnixNano: string | null;
  endTimeUnixNano: string | null;
  attributes: TOtlpAttributes;
  events: TOtlpSpanEvent[];
  status: { code: number; message: string | null };
};

export type TOtlpScope = { name: string; version: string | null; attributes: TOtlpAttributes };

export type TOtlpResourceSpans = {
  resource: { attributes: TOtlpAttributes };
  scopeSpans: { scope: TOtlpScope; spans: TOtlpSpan[] }[];
};
