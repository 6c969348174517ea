import type {
  ObservationV2FieldGroup,
  TObservationV2,
  TObservationView,
  TPublicModel,
  TPublicScore,
  TPublicScoreConfig,
  TPublicTrace,
} from "@loupe/contracts";
import {
  findProjectModelsByIds,
  type ProjectModelRow,
  type PublicObservationRow,
  type PublicScoreRow,
  type PublicTraceRow,
} from "@loupe/db";
import { getBuiltinModel, inputUsage, type ModelDefinition, outputUsage } from "@loupe/domain";

// Row → response DTO mappers shared by the public API services. Every DTO is an explicit whitelist.

export const iso = (d: Date | null | undefined): string | null => (d ? d.toISOString() : null);
const seconds = (from: Date | null, to: Date | null) => (from && to ? (to.getTime() - from.getTime()) / 1000 : null);

export const tracePath = (projectId: string, traceId: string) => `/project/${projectId}/traces/${encodeURIComponent(traceId)}`;

export function toPublicTrace(projectId: string, t: PublicTraceRow, io = true): TPublicTrace {
  return {
    id: t.id,
    projectId,
    timestamp: t.timestamp.toISOString(),
    name: t.name,
    ...(io ? { input: t.input ?? null, output: t.output ?? null, metadata: t.metadata ?? {} } : {}),
    sessionId: t.sessionId,
    release: t.release,
    version: t.version,
    userId: t.userId,
    tags: t.tags,
    public: t.public,
    bookmarked: t.bookmarked,
    environment: t.environment,
    externalId: null,
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
  };
}

/** Default-tier prices of a matched model (built-in or project), keyed by model id. */
export type ModelPrices = { input: number | null; output: number | null; total: number | null; tierIds: Map<string, string> };

function pricesOf(tiers: { id?: string; name: string; isDefault: boolean; prices: unknown }[], modelId: string): ModelPrices {
  const def = tiers.find((t) => t.isDefault);
  const prices = (def?.prices ?? {}) as Record<string, number>;
  return {
    input: prices.input ?? null,
    output: prices.output ?? null,
    total: prices.total ?? null,
    tierIds: new Map(tiers.map((t, i) => [t.name, t.id ?? `${modelId}-tier-${i}`])),
  };
}

export async function loadModelPrices(projectId: string, modelIds: (string | null)[]): Promise<Map<string, ModelPrices>> {
  const ids = [...new Set(modelIds.filter((id): id is string => Boolean(id)))];
  const out = new Map<string, ModelPrices>();
  for (const id of ids) {
    const builtin = getBuiltinModel(id);
    if (builtin) out.set(id, pricesOf(builtin.tiers, id));
  }
  const projectModels = await findProjectModelsByIds(
    projectId,
    ids.filter((id) => !out.has(id)),
  );
  for (const m of projectModels) out.set(m.id, pricesOf(m.pricingTiers, m.id));
  return out;
}

function costParts(costDetails: Record<string, number>, totalCost: number | null) {
  const has = Object.keys(costDetails).length > 0;
  return {
    input: has ? inputUsage(costDetails) : null,
    output: has ? outputUsage(costDetails) : null,
    total: costDetails.total ?? totalCost,
  };
}

export function toObservationView(projectId: string, o: PublicObservationRow, prices: Map<string, ModelPrices>): TObservationView {
  const usage = o.usageDetails ?? {};
  const input = inputUsage(usage);
  const output = outputUsage(usage);
  const total = usage.total ?? 0;
  const price = o.matchedModelId ? prices.get(o.matchedModelId) : undefined;
  const cost = costParts(o.costDetails ?? {}, o.totalCost);
  return {
    id: o.id,
    projectId,
    traceId: o.traceId,
    parentObservationId: o.parentObservationId,
    type: o.type,
    name: o.name,
    environment: o.environment,
    startTime: o.startTime.toISOString(),
    endTime: iso(o.endTime),
    completionStartTime: iso(o.completionStartTime),
    version: o.version,
    level: o.level,
    statusMessage: o.statusMessage,
    input: o.input ?? null,
    output: o.output ?? null,
    metadata: o.metadata ?? {},
    model: o.model,
    modelParameters: o.modelParameters ?? {},
    promptId: o.promptId,
    promptName: o.promptName,
    promptVersion: o.promptVersion,
    usageDetails: usage,
    costDetails: o.costDetails ?? {},
    usage: { unit: "TOKENS", input, output, total },
    unit: "TOKENS",
    promptTokens: input,
    completionTokens: output,
    totalTokens: total,
    modelId: o.matchedModelId,
    inputPrice: price?.input ?? null,
    outputPrice: price?.output ?? null,
    totalPrice: price?.total ?? null,
    calculatedInputCost: cost.input,
    calculatedOutputCost: cost.output,
    calculatedTotalCost: cost.total,
    latency: seconds(o.startTime, o.endTime),
    timeToFirstToken: seconds(o.startTime, o.completionStartTime),
    usagePricingTierName: o.pricingTierName,
    usagePricingTierId: (o.pricingTierName && price?.tierIds.get(o.pricingTierName)) || null,
    createdAt: o.createdAt.toISOString(),
    updatedAt: o.updatedAt.toISOString(),
  };
}

const decimal = (v: number | null | undefined) => (v === null || v === undefined ? null : String(v));

export function toObservationV2(
  projectId: string,
  o: PublicObservationRow,
  fields: Set<ObservationV2FieldGroup>,
  prices: Map<string, ModelPrices>,
): TObservationV2 {
  const has = (g: ObservationV2FieldGroup) => fields.has(g);
  const price = has("model") && o.matchedModelId ? prices.get(o.matchedModelId) : undefined;
  return {
    id: o.id,
    traceId: o.traceId,
    startTime: o.startTime.toISOString(),
    endTime: iso(o.endTime),
    projectId,
    parentObservationId: o.parentObservationId,
    type: o.type,
    ...(has("basic")
      ? {
          name: o.name,
          level: o.level,
          statusMessage: o.statusMessage,
          version: o.version,
          environment: o.environment,
          bookmarked: false,
          public: false,
          userId: o.userId,
          sessionId: o.sessionId,
          isRootObservation: o.parentObservationId === null,
        }
      : {}),
    ...(has("time")
      ? { completionStartTime: iso(o.completionStartTime), createdAt: o.createdAt.toISOString(), updatedAt: o.updatedAt.toISOString() }
      : {}),
    ...(has("io") ? { input: o.input ?? null, output: o.output ?? null } : {}),
    ...(has("metadata") ? { metadata: o.metadata ?? {} } : {}),
    ...(has("model")
      ? { model: o.model, providedModelName: o.model, internalModelId: o.matchedModelId, modelParameters: o.modelParameters ?? {} }
      : {}),
    ...(has("usage")
      ? {
          usageDetails: o.usageDetails ?? {},
          costDetails: o.costDetails ?? {},
          totalCost: o.totalCost,
          usagePricingTierName: o.pricingTierName,
        }
      : {}),
    ...(has("prompt") ? { promptId: o.promptId, promptName: o.promptName, promptVersion: o.promptVersion } : {}),
    ...(has("metrics") ? { latency: seconds(o.startTime, o.endTime), timeToFirstToken: seconds(o.startTime, o.completionStartTime) } : {}),
    ...(has("trace_context") ? { traceName: o.traceName, tags: o.traceTags ?? [], release: o.traceRelease } : {}),
    modelId: has("model") ? o.matchedModelId : null,
    inputPrice: decimal(price?.input),
    outputPrice: decimal(price?.output),
    totalPrice: decimal(price?.total),
  };
}

export function toPublicScore(s: PublicScoreRow, withTrace = false): TPublicScore {
  const value = s.dataType === "TEXT" ? undefined : s.dataType === "BOOLEAN" ? (s.value === 1 ? 1 : 0) : (s.value ?? 0);
  return {
    id: s.id,
    traceId: s.traceId,
    sessionId: s.sessionId,
    observationId: s.observationId,
    datasetRunId: s.datasetRunId,
    name: s.name,
    source: s.source,
    timestamp: s.timestamp.toISOString(),
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
    authorUserId: s.authorUserId,
    comment: s.comment,
    metadata: s.metadata ?? {},
    configId: s.configId,
    queueId: s.queueId,
    environment: s.environment,
    dataType: s.dataType,
    ...(value === undefined ? {} : { value }),
    ...(s.dataType === "NUMERIC" || s.stringValue === null ? {} : { stringValue: s.stringValue }),
    ...(withTrace
      ? {
          trace: s.traceId
            ? { userId: s.traceUserId, tags: s.traceTags ?? [], environment: s.traceEnvironment, sessionId: s.traceSessionId }
            : null,
        }
      : {}),
  };
}

export function toPublicScoreConfig(c: {
  id: string;
  projectId: string;
  name: string;
  dataType: TPublicScoreConfig["dataType"];
  isArchived: boolean;
  minValue: number | null;
  maxValue: number | null;
  categories: unknown;
  description: string | null;
  createdAt: Date;
  updatedAt: Date;
}): TPublicScoreConfig {
  return {
    id: c.id,
    name: c.name,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
    projectId: c.projectId,
    dataType: c.dataType,
    isArchived: c.isArchived,
    minValue: c.minValue,
    maxValue: c.maxValue,
    categories: (c.categories as TPublicScoreConfig["categories"]) ?? null,
    description: c.description,
  };
}

type AnyTier = { id?: string; name: string; isDefault: boolean; priority: number; conditions: unknown; prices: unknown };

function modelPricing(id: string, tiers: AnyTier[]) {
  const pricingTiers = tiers.map((t, i) => ({
    id: t.id ?? `${id}-tier-${i}`,
    name: t.name,
    isDefault: t.isDefault,
    priority: t.priority,
    conditions: (t.conditions as unknown[]) ?? [],
    prices: t.prices as Record<string, number>,
  }));
  const defaults = pricingTiers.find((t) => t.isDefault)?.prices ?? {};
  return {
    inputPrice: defaults.input ?? null,
    outputPrice: defaults.output ?? null,
    totalPrice: defaults.total ?? null,
    prices: Object.fromEntries(Object.entries(defaults).map(([k, price]) => [k, { price }])),
    pricingTiers,
  };
}

export function projectModelDto(m: ProjectModelRow): TPublicModel {
  return {
    id: m.id,
    modelName: m.modelName,
    matchPattern: m.matchPattern,
    startDate: iso(m.startDate),
    unit: m.unit,
    tokenizerId: m.tokenizerId,
    tokenizerConfig: m.tokenizerConfig ?? null,
    isLangfuseManaged: false,
    createdAt: m.createdAt.toISOString(),
    ...modelPricing(m.id, m.pricingTiers),
  };
}

export function builtinModelDto(m: ModelDefinition): TPublicModel {
  return {
    id: m.id,
    modelName: m.modelName,
    matchPattern: m.matchPattern,
    startDate: iso(m.startDate),
    unit: "TOKENS",
    tokenizerId: m.tokenizerId,
    tokenizerConfig: m.tokenizerConfig,
    isLangfuseManaged: true,
    createdAt: `${m.priceUpdated ?? "1970-01-01"}T00:00:00.000Z`,
    ...modelPricing(m.id, m.tiers),
  };
}
