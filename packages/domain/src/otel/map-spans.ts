import {
  type IngestionEventType,
  OTLP_STATUS,
  type ObservationLevel,
  type TAcceptedEvent,
  type TOtlpAttributes,
  type TOtlpResourceSpans,
  type TOtlpScope,
  type TOtlpSpan,
  type TOtlpValue,
  observationCreateEvent,
  parseIngestionEvent,
} from "@loupe/contracts";
import { type AttributeReader, asBoolean, asString, attributeReader, isObject, parseJsonStructure, parseJsonValue } from "./attributes.ts";
import { extractInputOutput } from "./extract-io.ts";
import { inferObservationType } from "./infer-type.ts";
import { extractCost, extractModel, extractModelParameters, extractUsage } from "./model-usage.ts";

// OTLP spans → ingestion events (shared/langfuse-api.md §4.2–4.7). Every span becomes one
// observation `<type>-create` event plus one `trace-create` event carrying whatever that span knows
// about its trace; the worker's merge (§3.5) folds the trace events together, also across requests.
// Pure: no I/O, the clock comes in as `now`. Event ids derive from the span id, so a re-sent export
// produces the same events and converges to the same rows.

const LEVEL_ALIASES: Record<string, ObservationLevel> = {
  DEBUG: "DEBUG",
  TRACE: "DEBUG",
  VERBOSE: "DEBUG",
  DEFAULT: "DEFAULT",
  INFO: "DEFAULT",
  LOG: "DEFAULT",
  NOTICE: "DEFAULT",
  OK: "DEFAULT",
  SUCCESS: "DEFAULT",
  WARNING: "WARNING",
  WARN: "WARNING",
  ERROR: "ERROR",
  FATAL: "ERROR",
  CRITICAL: "ERROR",
};

const ENVIRONMENT_KEYS = ["langfuse.environment", "deployment.environment.name", "deployment.environment"];

export type OtlpMappingResult = {
  events: TAcceptedEvent[];
  /** Events that failed the ingestion schema (should not happen; logged by the caller). */
  rejected: { id: string; details: unknown }[];
};

export function nanosToIso(nanos: string | null): string | undefined {
  if (!nanos || !/^\d+$/.test(nanos) || nanos === "0") return undefined;
  const ms = Number(BigInt(nanos) / 1_000_000n);
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** An event as mapped from a span, before the ingestion schema has validated it. */
type UnvalidatedEvent = { id: string; type: IngestionEventType; timestamp: string; body: Record<string, unknown> };

export function otlpToIngestionEvents(resourceSpans: TOtlpResourceSpans[], options: { now: Date }): OtlpMappingResult {
  const raw: UnvalidatedEvent[] = [];
  for (const rs of resourceSpans) {
    for (const { scope, spans } of rs.scopeSpans) {
      for (const span of spans) raw.push(...spanToEvents(span, scope, rs.resource.attributes, options.now));
    }
  }
  // The same rules as POST /api/public/ingestion: OTLP data cannot bypass validation.
  const result: OtlpMappingResult = { events: [], rejected: [] };
  for (const event of raw) {
    const parsed = parseIngestionEvent(event);
    if (parsed.ok) result.events.push(parsed.event);
    else result.rejected.push({ id: parsed.id, details: parsed.details });
  }
  return result;
}

function spanToEvents(span: TOtlpSpan, scope: TOtlpScope, resource: TOtlpAttributes, now: Date): UnvalidatedEvent[] {
  const r = attributeReader(span.attributes);
  const res = attributeReader(resource);
  const type = inferObservationType({
    attributes: span.attributes,
    resourceAttributes: resource,
    scopeName: scope.name,
    spanName: span.name,
  });
  r.take("langfuse.observation.type");
  const isRoot = !span.parentSpanId || asBoolean(r.take("langfuse.internal.as_root")) === true;

  const start = nanosToIso(span.startTimeUnixNano) ?? nanosToIso(span.endTimeUnixNano) ?? now.toISOString();
  const end = nanosToIso(span.endTimeUnixNano) ?? start;
  const environment = firstString(r, res, ENVIRONMENT_KEYS);
  const version = asString(r.take("langfuse.version")) ?? asString(res.peek("service.version"));
  const release = asString(r.take("langfuse.release")) ?? asString(res.peek("langfuse.release"));
  const name = asString(r.first("gen_ai.tool.name", "ai.toolCall.name")) ?? span.name;

  const { level, statusMessage } = levelAndStatus(r, span);
  const io = extractInputOutput(r, span.events, scope.name);
  // Vercel AI agent spans repeat their child model calls' model and usage: counting them twice would double the cost.
  const isVercelAgent = scope.name === "ai" && ["invoke_agent", "agent_step"].includes(String(r.peek("gen_ai.operation.name")));
  const model = isVercelAgent ? undefined : extractModel(r);
  const modelParameters = extractModelParameters(r);
  const usageDetails = isVercelAgent ? undefined : extractUsage(r);
  const costDetails = isVercelAgent ? undefined : extractCost(r);
  const prompt = type === "GENERATION" ? promptLink(r) : undefined;
  const completionStartTime = isoOrUndefined(parseJsonValue(r.take("langfuse.observation.completion_start_time")));

  const trace = traceAttributes(r);
  const observationMetadata = userMetadata(r, "langfuse.observation.metadata");
  Object.assign(observationMetadata, r.takePrefix("langfuse.metadata."));

  // Consumed after every rule ran: what is left is kept verbatim. Langfuse SDK spans carry only
  // langfuse.* keys that are all mapped above, so their leftovers (internal flags) are dropped.
  const remaining = r.remaining();
  const metadata: Record<string, unknown> = {
    ...observationMetadata,
    ...(scope.name.startsWith("langfuse-sdk") || Object.keys(remaining).length === 0 ? {} : { attributes: remaining }),
    ...(Object.keys(resource).length > 0 ? { resourceAttributes: resource } : {}),
    scope: compact({ name: scope.name, version: scope.version ?? undefined, attributes: nonEmpty(scope.attributes) }),
  };

  const observation = compact({
    id: span.spanId,
    traceId: span.traceId,
    parentObservationId: isRoot ? undefined : (span.parentSpanId ?? undefined),
    name,
    startTime: start,
    endTime: type === "EVENT" ? undefined : end,
    completionStartTime,
    level,
    statusMessage,
    version,
    environment,
    input: io.input,
    output: io.output,
    metadata,
    model,
    modelParameters,
    usageDetails,
    costDetails,
    promptName: prompt?.name,
    promptVersion: prompt?.version,
  });

  const traceBody = compact({
    id: span.traceId,
    timestamp: start,
    name: trace.name ?? (isRoot ? name : undefined),
    input: trace.input ?? (isRoot ? io.input : undefined),
    output: trace.output ?? (isRoot ? io.output : undefined),
    metadata: isRoot ? { ...trace.metadata, ...metadata } : nonEmpty(trace.metadata),
    userId: trace.userId ?? asString(observationMetadata.langfuse_user_id),
    sessionId: trace.sessionId ?? asString(observationMetadata.langfuse_session_id),
    tags: trace.tags ?? parseTags(observationMetadata.langfuse_tags as TOtlpValue | undefined),
    public: trace.public,
    release,
    version,
    environment,
  });

  const eventId = (kind: string) => `otel-${span.traceId}-${span.spanId}-${kind}`;
  return [
    { id: eventId("trace"), type: "trace-create", timestamp: start, body: traceBody },
    { id: eventId("observation"), type: observationCreateEvent(type), timestamp: start, body: observation },
  ];
}

function levelAndStatus(r: AttributeReader, span: TOtlpSpan): { level?: ObservationLevel; statusMessage?: string } {
  const declared = LEVEL_ALIASES[asString(r.take("langfuse.observation.level"))?.toUpperCase() ?? ""];
  const exception = span.events.find((e) => e.name === "exception");
  const exceptionMessage = asString(exception?.attributes["exception.message"] ?? undefined);
  const failed = span.status.code === OTLP_STATUS.ERROR || exception !== undefined;
  const level = declared ?? (failed ? "ERROR" : undefined);
  const statusMessage =
    asString(r.take("langfuse.observation.status_message")) ??
    (span.status.message || undefined) ??
    (failed ? exceptionMessage : undefined);
  return { level, statusMessage };
}

/** Trace-level attributes any span may carry (§4.2); merged into the trace by the worker. */
function traceAttributes(r: AttributeReader) {
  const metadata = userMetadata(r, "langfuse.trace.metadata");
  return {
    name: asString(r.take("langfuse.trace.name")),
    input: parseJsonValue(r.take("langfuse.trace.input")),
    output: parseJsonValue(r.take("langfuse.trace.output")),
    metadata,
    // Traceloop/OpenLLMetry carries them as association properties (`Traceloop.set_association_properties`).
    userId:
      asString(r.first("langfuse.user.id", "user.id", "traceloop.association.properties.user_id")) ?? asString(metadata.langfuse_user_id),
    sessionId:
      asString(r.first("langfuse.session.id", "session.id", "gen_ai.conversation.id", "traceloop.association.properties.session_id")) ??
      asString(metadata.langfuse_session_id),
    tags:
      parseTags(r.first("langfuse.trace.tags", "langfuse.tags", "tag.tags")) ?? parseTags(metadata.langfuse_tags as TOtlpValue | undefined),
    public: asBoolean(r.first("langfuse.trace.public", "langfuse.public")),
  };
}

/** `<prefix>` as one JSON object (or any JSON value → `{metadata: value}`) plus flattened `<prefix>.<key>` entries. */
function userMetadata(r: AttributeReader, prefix: string): Record<string, unknown> {
  const whole = parseJsonValue(r.take(prefix));
  const out: Record<string, unknown> = isObject(whole) ? { ...whole } : whole === undefined ? {} : { metadata: whole };
  for (const [key, value] of Object.entries(r.takePrefix(`${prefix}.`))) out[key] = parseJsonStructure(value);
  return out;
}

/** Tags arrive as an OTel string array, a JSON array string, a comma-separated string or one string. */
export function parseTags(value: TOtlpValue | undefined): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  const parsed = parseJsonStructure(value);
  const list = Array.isArray(parsed) ? parsed.map(String) : String(parsed).split(",");
  const tags = list.map((t) => t.trim()).filter(Boolean);
  return tags.length > 0 ? tags : undefined;
}

function promptLink(r: AttributeReader): { name: string; version: number } | undefined {
  const name = asString(r.first("langfuse.observation.prompt.name", "langfuse.prompt.name"));
  const version = Number(r.first("langfuse.observation.prompt.version", "langfuse.prompt.version"));
  // The ingestion schema wants both or neither.
  return name && Number.isInteger(version) ? { name, version } : undefined;
}

function firstString(r: AttributeReader, res: AttributeReader, keys: string[]): string | undefined {
  for (const key of keys) {
    const value = asString(r.take(key)) ?? asString(res.peek(key));
    if (value) return value;
  }
  return undefined;
}

function isoOrUndefined(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

function nonEmpty<T extends Record<string, unknown>>(obj: T): T | undefined {
  return Object.keys(obj).length > 0 ? obj : undefined;
}

/** Drops undefined fields so absent stays absent (the merge treats absent as "keep"). */
function compact<T extends Record<string, unknown>>(obj: T): Record<string, unknown> {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined));
}
