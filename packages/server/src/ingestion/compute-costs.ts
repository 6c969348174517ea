import {
  type CostResultRow,
  findObservationsNeedingCost,
  getObservationPayloads,
  listProjectModels,
  writeObservationCosts,
} from "@loupe/db";
import { BUILTIN_MODELS, type ModelDefinition, calculateCost, inputUsage, matchModel, outputUsage, totalUsage } from "@loupe/domain";
import { countTokens } from "./tokenize.ts";

const MODEL_CACHE_TTL_MS = 10_000;
const projectModelCache = new Map<string, { models: ModelDefinition[]; expiresAt: number }>();

/**
 * Forgets a project's cached models; model writes call it so this process prices with them at once.
 * Other processes (the worker) pick the change up when their entry expires (MODEL_CACHE_TTL_MS).
 */
export function invalidateProjectModels(projectId: string): void {
  projectModelCache.delete(projectId);
}

/** Project models first (they override the built-ins), then the built-in price table. */
async function candidateModels(projectId: string): Promise<ModelDefinition[]> {
  const cached = projectModelCache.get(projectId);
  if (cached && cached.expiresAt > Date.now()) return cached.models;
  const rows = await listProjectModels(projectId);
  const projectModels: ModelDefinition[] = rows.map((m) => ({
    id: m.id,
    modelName: m.modelName,
    matchPattern: m.matchPattern,
    startDate: m.startDate,
    tokenizerId: m.tokenizerId,
    tokenizerConfig: (m.tokenizerConfig ?? null) as ModelDefinition["tokenizerConfig"],
    source: "project",
    priceUpdated: m.updatedAt.toISOString().slice(0, 10),
    provenance: "Project model",
    tiers: m.pricingTiers.map((t) => ({
      name: t.name,
      isDefault: t.isDefault,
      priority: t.priority,
      conditions: t.conditions as ModelDefinition["tiers"][number]["conditions"],
      prices: t.prices as Record<string, number>,
    })),
  }));
  const models = [...projectModels, ...BUILTIN_MODELS];
  projectModelCache.set(projectId, { models, expiresAt: Date.now() + MODEL_CACHE_TTL_MS });
  return models;
}

/**
 * Computes usage totals and cost for observations whose cost is not computed yet: provided cost
 * wins; otherwise the matched model's prices × usage, with usage counted by the model's tokenizer
 * when the client sent none. Observations nothing can price are marked
 * computed too, so they are not looked at again until their usage or model changes.
 */
export async function computeObservationCosts(projectId: string, observationIds: string[]): Promise<number> {
  const pending = await findObservationsNeedingCost(projectId, observationIds);
  if (pending.length === 0) return 0;
  const models = await candidateModels(projectId);
  const matched = pending.map((o) => ({
    o,
    // A price applies from its start date: an observation is priced as of when it started.
    model: o.model ? matchModel(o.model, models, o.startTime) : null,
  }));
  // Generations without usage or cost get their tokens counted (never for errors: their output is partial).
  const toCount = matched.filter(
    ({ o, model }) =>
      model?.tokenizerId &&
      o.level !== "ERROR" &&
      Object.keys(o.providedUsageDetails).length === 0 &&
      Object.keys(o.providedCostDetails).length === 0,
  );
  const payloads = await getObservationPayloads(
    projectId,
    toCount.map(({ o }) => o.id),
  );
  const results: CostResultRow[] = [];
  for (const { o, model } of matched) {
    const payload = payloads.get(o.id);
    const counted =
      payload && model ? await countTokens({ tokenizerId: model.tokenizerId, tokenizerConfig: model.tokenizerConfig, ...payload }) : null;
    const usage: Record<string, number> = counted ?? o.providedUsageDetails;
    const hasUsage = Object.keys(usage).length > 0;
    const cost = calculateCost({
      usage,
      providedCost: o.providedCostDetails,
      model,
      modelParameters: o.modelParameters ?? undefined,
      metadata: o.metadata,
    });
    results.push({
      id: o.id,
      usageDetails: usage,
      costDetails: cost?.costDetails ?? {},
      inputTokens: hasUsage ? inputUsage(usage) : null,
      outputTokens: hasUsage ? outputUsage(usage) : null,
      totalTokens: hasUsage ? totalUsage(usage) : null,
      totalCost: cost?.totalCost ?? null,
      matchedModelId: model?.id ?? null,
      pricingTierName: cost?.tierName ?? null,
    });
  }
  await writeObservationCosts(projectId, results);
  return results.length;
}
