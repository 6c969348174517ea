import { randomUUID } from "node:crypto";
import type {
  Role,
  TCreateAnnotationScoreBody,
  TCreateScoreConfigBody,
  TObservationPayloadResponse,
  TScoreConfigItem,
  TTraceDetailResponse,
  TTraceSearchResponse,
  TTraceSharingResponse,
  TUpdateScoreConfigBody,
} from "@loupe/contracts";
import {
  findObservationTraceId,
  findScoreConfig,
  getObservation,
  getTrace,
  listActiveScoreConfigs,
  type ScoreRecord,
  setTracePublicFlag,
  writeScoreNow,
} from "@loupe/db";
import { requireCapability } from "../auth/roles.ts";
import { requireProjectAccess } from "../projects/accounts.ts";
import { createPublicScoreConfig, updatePublicScoreConfig } from "../public-api/score-configs.ts";
import { badRequest, notFound } from "../errors.ts";
import { getObservationPayload, getTraceDetail, searchTrace } from "./traces.ts";

type Actor = { userId: string; projectId: string };

type ConfigRow = NonNullable<Awaited<ReturnType<typeof findScoreConfig>>>;
const categoriesOf = (c: ConfigRow) => (Array.isArray(c.categories) ? (c.categories as { label: string; value: number }[]) : null);

/** Score configs the annotation form offers. */
export async function listAnnotationScoreConfigs(projectId: string, includeArchived = false): Promise<{ data: TScoreConfigItem[] }> {
  const rows = await listActiveScoreConfigs(projectId, includeArchived);
  return {
    data: rows.map(toScoreConfigItem),
  };
}

export const toScoreConfigItem = (c: ConfigRow): TScoreConfigItem => ({
  id: c.id,
  name: c.name,
  dataType: c.dataType,
  minValue: c.minValue,
  maxValue: c.maxValue,
  categories: categoriesOf(c),
  description: c.description,
  isArchived: c.isArchived,
});

/** value/stringValue of a hand-made score, checked against its config when it has one (queues use it too). */
export function scoreValue(
  body: Pick<TCreateAnnotationScoreBody, "dataType" | "value">,
  config: ConfigRow | null,
): { value: number | null; stringValue: string | null } {
  if (config && config.dataType !== body.dataType) {
    throw badRequest(`Score config "${config.name}" is ${config.dataType}, not ${body.dataType}`);
  }
  if (body.dataType === "BOOLEAN" && body.value !== 0 && body.value !== 1)
    throw badRequest(`${config?.name ?? "A boolean score"} is 0 or 1`);
  if (body.dataType === "NUMERIC" && typeof body.value !== "number")
    throw badRequest(`${config?.name ?? "A numeric score"} needs a number`);
  if (body.dataType === "BOOLEAN") return { value: body.value as number, stringValue: body.value === 1 ? "True" : "False" };
  if (body.dataType === "NUMERIC") {
    const v = body.value as number;
    if (config?.minValue !== null && config?.minValue !== undefined && v < config.minValue) {
      throw badRequest(`${config.name} must be at least ${config.minValue}`);
    }
    if (config?.maxValue !== null && config?.maxValue !== undefined && v > config.maxValue) {
      throw badRequest(`${config.name} must be at most ${config.maxValue}`);
    }
    return { value: v, stringValue: null };
  }
  const label = String(body.value);
  const categories = config ? categoriesOf(config) : null;
  if (!categories) return { value: null, stringValue: label };
  const category = categories.find((c) => c.label === label);
  if (!category) throw badRequest(`${config?.name} must be one of: ${categories.map((c) => c.label).join(", ")}`);
  return { value: category.value, stringValue: category.label };
}

/**
 * Adds a score by hand (source ANNOTATION, with its author). Written directly with the worker's
 * score upsert rather than through the ingestion batch: the ingestion event schema has no author
 * (SDK callers must not be able to forge one) and the annotator expects to see the score at once.
 */
export async function addAnnotationScore(actor: Actor, body: TCreateAnnotationScoreBody): Promise<{ id: string }> {
  await requireProjectAccess(actor.userId, actor.projectId, "annotate");
  const trace = await getTrace(actor.projectId, body.traceId);
  if (!trace) throw notFound("Trace");
  if (body.observationId) {
    const traceId = await findObservationTraceId(actor.projectId, body.observationId);
    if (traceId !== body.traceId) throw notFound("Observation");
  }
  const config = body.configId ? await findScoreConfig(actor.projectId, body.configId) : null;
  if (body.configId && (!config || config.isArchived)) throw badRequest("Unknown or archived score config");
  const id = randomUUID();
  const record: ScoreRecord = {
    id,
    name: config?.name ?? body.name,
    ...scoreValue(body, config),
    dataType: body.dataType,
    source: "ANNOTATION",
    traceId: body.traceId,
    observationId: body.observationId ?? null,
    sessionId: null,
    datasetRunId: null,
    comment: body.comment?.trim() || null,
    metadata: {},
    configId: config?.id ?? null,
    queueId: null,
    environment: trace.environment,
    timestamp: new Date(),
    authorUserId: actor.userId,
  };
  await writeScoreNow(actor.projectId, record);
  return { id };
}

/**
 * Makes a trace readable without login at its share link (or private again), optionally hiding its
 * user id and session id there. MEMBER and up.
 */
export async function setTracePublic(
  actor: Actor,
  traceId: string,
  isPublic: boolean,
  hideIdentity?: boolean,
): Promise<TTraceSharingResponse> {
  await requireProjectAccess(actor.userId, actor.projectId, "project:write");
  const stored = await setTracePublicFlag(actor.projectId, traceId, isPublic, hideIdentity);
  if (!stored) throw notFound("Trace");
  return { id: traceId, public: isPublic, hideIdentity: stored.shareHidesIdentity };
}

/**
 * The read-only shared view: only a public trace of exactly this project; anything else is the same
 * 404, so the route reveals nothing about private traces or other projects. Score authors are left out,
 * and the user and session ids when the sharer chose to hide them.
 */
export async function getSharedTraceDetail(projectId: string, traceId: string): Promise<TTraceDetailResponse> {
  const trace = await getTrace(projectId, traceId);
  if (!trace?.public) throw notFound("Trace");
  const detail = await getTraceDetail(projectId, traceId);
  const identity = detail.shareHidesIdentity ? { userId: null, sessionId: null } : {};
  return { ...detail, ...identity, scores: detail.scores.map((s) => ({ ...s, authorUserId: null, authorName: null })) };
}

/** Search inside a shared trace: the same 404 as the shared view for anything not public. */
export async function searchSharedTrace(projectId: string, traceId: string, q: string): Promise<TTraceSearchResponse> {
  const trace = await getTrace(projectId, traceId);
  if (!trace?.public) throw notFound("Trace");
  return searchTrace(projectId, traceId, q);
}

export async function getSharedObservationPayload(
  projectId: string,
  traceId: string,
  observationId: string,
): Promise<TObservationPayloadResponse> {
  const [trace, observation] = await Promise.all([getTrace(projectId, traceId), getObservation(projectId, observationId)]);
  if (!trace?.public || observation?.traceId !== traceId) throw notFound("Observation");
  return getObservationPayload(projectId, observationId);
}

/** The score-configs page: create (MEMBER and up), on the public API's rules. */
export async function createProjectScoreConfig(projectId: string, role: Role, body: TCreateScoreConfigBody): Promise<TScoreConfigItem> {
  requireCapability(role, "project:write");
  const created = await createPublicScoreConfig(projectId, body);
  return listedConfig(projectId, created.id);
}

/** The score-configs page: edit or archive (MEMBER and up). */
export async function updateProjectScoreConfig(
  projectId: string,
  role: Role,
  configId: string,
  body: TUpdateScoreConfigBody,
): Promise<TScoreConfigItem> {
  requireCapability(role, "project:write");
  const updated = await updatePublicScoreConfig(projectId, configId, body);
  return listedConfig(projectId, updated.id);
}

async function listedConfig(projectId: string, configId: string): Promise<TScoreConfigItem> {
  const row = await findScoreConfig(projectId, configId);
  if (!row) throw notFound("Score config");
  return toScoreConfigItem(row);
}
