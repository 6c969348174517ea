import { z } from "zod";
import { OBSERVATION_LEVELS, OBSERVATION_TYPES, type ObservationType } from "../common/observation-types.ts";

// Wire shapes of POST /api/public/ingestion (see shared/langfuse-api.md §3). The envelope is parsed
// first; each event is then validated on its own so one bad event never rejects its batch.

export const ZId = z
  .string()
  .min(1, "must not be empty")
  .max(800, "must be at most 800 characters")
  .refine((s) => !s.includes("\r"), "must not contain a carriage return");

/** ISO-8601 with `Z` or an offset, any fractional precision. */
export const ZTimestamp = z.iso.datetime({ offset: true });

const ZJson = z.unknown();
const ZOptionalString = z.string().nullish();

export const ZIngestionEnvelope = z.object({
  batch: z.array(z.unknown()),
  metadata: z.unknown().optional(),
});

export const ZTraceBody = z.object({
  id: ZId,
  timestamp: ZTimestamp.nullish(),
  name: z.string().max(1000).nullish(),
  userId: ZOptionalString,
  sessionId: ZOptionalString,
  input: ZJson.optional(),
  output: ZJson.optional(),
  metadata: ZJson.optional(),
  release: ZOptionalString,
  version: ZOptionalString,
  tags: z.array(z.string()).nullish(),
  public: z.boolean().nullish(),
  environment: ZOptionalString,
  externalId: ZOptionalString,
});
export type TTraceBody = z.infer<typeof ZTraceBody>;

const ZObservationBase = z.object({
  id: ZId,
  traceId: ZId.nullish(),
  name: ZOptionalString,
  startTime: ZTimestamp.nullish(),
  metadata: ZJson.optional(),
  input: ZJson.optional(),
  output: ZJson.optional(),
  level: z.enum(OBSERVATION_LEVELS).nullish(),
  statusMessage: ZOptionalString,
  parentObservationId: ZId.nullish(),
  version: ZOptionalString,
  environment: ZOptionalString,
});

export const ZEventBody = ZObservationBase;

export const ZSpanBody = ZObservationBase.extend({ endTime: ZTimestamp.nullish() });

const ZModelParameterValue = z.union([
  z.string(),
  z.number(),
  z.boolean(),
  z.array(z.string()),
  z.record(z.string(), z.string()),
  z.null(),
]);

export const ZGenerationBody = ZSpanBody.extend({
  completionStartTime: ZTimestamp.nullish(),
  model: ZOptionalString,
  modelParameters: z.record(z.string(), ZModelParameterValue).nullish(),
  usage: ZJson.optional(),
  usageDetails: ZJson.optional(),
  costDetails: ZJson.optional(),
  promptName: ZOptionalString,
  // Stored as int4: a larger version failed the worker's merge of the whole batch (22003).
  promptVersion: z.number().int().min(-2_147_483_648).max(2_147_483_647).nullish(),
}).refine((b) => (b.promptName == null) === (b.promptVersion == null), {
  message: "promptName and promptVersion must be given together",
  path: ["promptName"],
});
export type TGenerationBody = z.infer<typeof ZGenerationBody>;
export type TObservationBody = z.infer<typeof ZSpanBody> & Partial<TGenerationBody>;

/** The types a score config can have; a score may also be a CORRECTION (a corrected output, no config). */
export const SCORE_CONFIG_DATA_TYPES = ["NUMERIC", "BOOLEAN", "CATEGORICAL", "TEXT"] as const;
export const SCORE_DATA_TYPES = [...SCORE_CONFIG_DATA_TYPES, "CORRECTION"] as const;
/** Langfuse names every correction "output", whatever the client sent. */
export const CORRECTION_SCORE_NAME = "output";
const TEXT_SCORE_MAX_LENGTH = 500;
export const SCORE_SOURCES = ["API", "EVAL", "ANNOTATION"] as const;

export const ZScoreBody = z
  .object({
    id: ZId.nullish(),
    name: z.string().min(1),
    value: z.union([z.number().finite(), z.string()]),
    dataType: z.enum(SCORE_DATA_TYPES).nullish(),
    traceId: ZId.nullish(),
    observationId: ZId.nullish(),
    sessionId: ZId.nullish(),
    datasetRunId: ZId.nullish(),
    comment: ZOptionalString,
    metadata: ZJson.optional(),
    configId: ZOptionalString,
    environment: ZOptionalString,
    source: z.enum(SCORE_SOURCES).nullish(),
    queueId: ZOptionalString,
    timestamp: ZTimestamp.nullish(),
  })
  .refine((s) => !s.observationId || s.traceId, {
    message: "observationId requires traceId",
    path: ["observationId"],
  })
  .refine(
    (s) => {
      if (s.dataType === "BOOLEAN") return s.value === 0 || s.value === 1;
      if (s.dataType === "NUMERIC") return typeof s.value === "number";
      if (s.dataType === "CATEGORICAL" || s.dataType === "CORRECTION") return typeof s.value === "string";
      if (s.dataType === "TEXT") return typeof s.value === "string" && s.value.length >= 1 && s.value.length <= TEXT_SCORE_MAX_LENGTH;
      return true;
    },
    {
      message: `value does not fit dataType (NUMERIC: a number, BOOLEAN: 0 or 1, CATEGORICAL/CORRECTION: a string, TEXT: 1 to ${TEXT_SCORE_MAX_LENGTH} characters)`,
      path: ["value"],
    },
  )
  .refine((s) => !(s.dataType === "CORRECTION" && s.configId), {
    message: "a CORRECTION score cannot have a configId",
    path: ["configId"],
  })
  .refine((s) => [s.traceId, s.sessionId, s.datasetRunId].filter(Boolean).length === 1, {
    message: "a score needs exactly one target: traceId (optionally with observationId), sessionId or datasetRunId",
    path: ["traceId"],
  });
export type TScoreBody = z.infer<typeof ZScoreBody>;

const ZLegacyObservationBody = ZGenerationBody.and(z.object({ type: z.enum(["GENERATION", "SPAN", "EVENT"]) }));

/** The body of each observation type's `-create` event: spans and events have their own, every other type takes the generation body. */
const OWN_CREATE_BODIES = { SPAN: ZSpanBody, EVENT: ZEventBody } as const;
type CreateBody<T extends ObservationType> = T extends keyof typeof OWN_CREATE_BODIES
  ? (typeof OWN_CREATE_BODIES)[T]
  : typeof ZGenerationBody;

/** The event that creates an observation of `type` (`GENERATION` → `generation-create`). */
export function observationCreateEvent<T extends ObservationType>(type: T): `${Lowercase<T>}-create` {
  return `${type.toLowerCase() as Lowercase<T>}-create`;
}

/** One `<type>-create` event per entry of OBSERVATION_TYPES, so a new type is ingestible without a second list. */
const OBSERVATION_CREATE_EVENTS = Object.fromEntries(
  OBSERVATION_TYPES.map((type) => [
    observationCreateEvent(type),
    {
      kind: "observation",
      observationType: type,
      body: type in OWN_CREATE_BODIES ? OWN_CREATE_BODIES[type as keyof typeof OWN_CREATE_BODIES] : ZGenerationBody,
    },
  ]),
  // Object.fromEntries loses the keys; the mapped type restates what the map above builds (events.test.ts checks it).
) as { [T in ObservationType as `${Lowercase<T>}-create`]: { kind: "observation"; observationType: T; body: CreateBody<T> } };

/**
 * Every event type the ingestion endpoint accepts: what it writes (`kind`), the observation type for
 * observation events, and its body schema. Adding an event type is one entry here; the `-create`
 * event of each observation type comes from OBSERVATION_TYPES.
 */
export const INGESTION_EVENT_TYPES = {
  "trace-create": { kind: "trace", body: ZTraceBody },
  "score-create": { kind: "score", body: ZScoreBody },
  "sdk-log": { kind: "log", body: z.object({ log: z.unknown() }) },
  ...OBSERVATION_CREATE_EVENTS,
  "span-update": { kind: "observation", observationType: "SPAN", body: ZSpanBody },
  "generation-update": { kind: "observation", observationType: "GENERATION", body: ZGenerationBody },
  // Deprecated (SDK 1.x), still accepted: the observation type travels inside the body.
  "observation-create": { kind: "observation", observationType: "BODY", body: ZLegacyObservationBody },
  "observation-update": { kind: "observation", observationType: "BODY", body: ZLegacyObservationBody },
} as const satisfies Record<
  string,
  { kind: "trace" | "score" | "log" | "observation"; observationType?: ObservationType | "BODY"; body: z.ZodType }
>;
export type IngestionEventType = keyof typeof INGESTION_EVENT_TYPES;

export const ZEventEnvelope = z.object({
  id: ZId,
  type: z.string(),
  timestamp: ZTimestamp,
  metadata: z.unknown().optional(),
  body: z.record(z.string(), z.unknown()),
});

type EventDefinitions = typeof INGESTION_EVENT_TYPES;
export type IngestionEventKind = EventDefinitions[IngestionEventType]["kind"];
/** The event types that write one kind of entity, e.g. every `*-create`/`*-update` of observations. */
export type IngestionEventTypeOf<K extends IngestionEventKind> = {
  [T in IngestionEventType]: EventDefinitions[T]["kind"] extends K ? T : never;
}[IngestionEventType];

/**
 * An accepted event as stored durably and handed to the worker (already validated): one member per
 * registry entry, with the body its schema produced, so consumers narrow on `type` instead of
 * re-checking field types.
 */
export type TAcceptedEvent<T extends IngestionEventType = IngestionEventType> = {
  [U in T]: { id: string; type: U; timestamp: string; body: z.output<EventDefinitions[U]["body"]> };
}[T];

export type TObservationEvent = TAcceptedEvent<IngestionEventTypeOf<"observation">>;
export type TTraceEvent = TAcceptedEvent<IngestionEventTypeOf<"trace">>;
export type TScoreEvent = TAcceptedEvent<IngestionEventTypeOf<"score">>;

/** Narrows an accepted event by what it writes (the registry's `kind`). */
export function isEventOfKind<K extends IngestionEventKind>(
  event: TAcceptedEvent,
  kind: K,
): event is TAcceptedEvent<IngestionEventTypeOf<K>> {
  return INGESTION_EVENT_TYPES[event.type].kind === kind;
}

export type TEventParseResult =
  | { ok: true; event: TAcceptedEvent }
  | { ok: false; id: string; message: string; details: z.core.$ZodIssue[] | string };

export function isUpdateEvent(type: IngestionEventType): boolean {
  return type.endsWith("-update");
}

/** Validates one raw event of a batch. Never throws. */
export function parseIngestionEvent(raw: unknown): TEventParseResult {
  const rawId = raw && typeof raw === "object" && typeof (raw as { id?: unknown }).id === "string" ? (raw as { id: string }).id : "unknown";
  const envelope = ZEventEnvelope.safeParse(raw);
  if (!envelope.success) return { ok: false, id: rawId, message: "Invalid request data", details: envelope.error.issues };
  const { type } = envelope.data;
  if (!Object.hasOwn(INGESTION_EVENT_TYPES, type)) {
    return { ok: false, id: rawId, message: "Invalid request data", details: `unknown event type "${type}"` };
  }
  const def = INGESTION_EVENT_TYPES[type as IngestionEventType];
  const body = def.body.safeParse(envelope.data.body);
  if (!body.success) {
    const issues = body.error.issues.map((i) => ({ ...i, path: ["body", ...i.path] }));
    return { ok: false, id: rawId, message: "Invalid request data", details: issues };
  }
  return {
    ok: true,
    event: {
      id: envelope.data.id,
      type: type as IngestionEventType,
      timestamp: envelope.data.timestamp,
      body: body.data,
    } as TAcceptedEvent,
  };
}
