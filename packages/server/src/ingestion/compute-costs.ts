import { type ObservationCost, listProjectModels } from "@loupe/db";
import {
  BUILTIN_MODELS,
  type ModelDefinition,
  type ObservationRecord,
  calculateCost,
  compileModelPattern,
  inputUsage,
  matchModel,
  modelMatches,
  outputUsage,
  storableCost,
  storableCount,
  totalUsage,
} from "@loupe/domain";
import { logger } from "../logger.ts";
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

const warnedPatterns = new Set<string>();

/**
 * Patterns are checked on save, but a model stored before Loupe ran patterns on RE2 may use syntax RE2
 * lacks: it never matches (modelMatches), and this says so once per process instead of on every merge.
 */
function warnIfUnrunnable(projectId: string, model: ModelDefinition): void {
  const key = `${projectId}\u0000${model.id}\u0000${model.matchPattern}`;
  if (warnedPatterns.has(key)) return;
  warnedPatterns.add(key);
  const compiled = compileModelPattern(model.matchPattern);
  if (!compiled.ok)
    logger.warn(
      { projectId, modelId: model.id, reason: compiled.reason },
      "stored model matchPattern cannot run on RE2 and matches nothing; update the model",
    );
}

/** Project models first (they override the built-ins), then the built-in price table. */
export async function candidateModels(projectId: string): Promise<ModelDefinition[]> {
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
  for (const model of projectModels) warnIfUnrunnable(projectId, model);
  const models = [...projectModels, ...BUILTIN_MODELS];
  projectModelCache.set(projectId, { models, expiresAt: Date.now() + MODEL_CACHE_TTL_MS });
  return models;
}

/**
 * The candidates whose pattern matches a model name, per candidate list (one list per project per
 * MODEL_CACHE_TTL_MS, so a model change is seen when the list is rebuilt). Running every pattern of
 * the price table on RE2 for every generation was a quarter of the worker's CPU (docs/performance.md);
 * a name's matches do not depend on the observation, only the start-date filter does, which
 * matchModel still applies to the few that match.
 */
const matchesByList = new WeakMap<readonly ModelDefinition[], Map<string, ModelDefinition[]>>();
const MATCH_MEMO_LIMIT = 2000;

function candidatesMatching(models: readonly ModelDefinition[], modelName: string): ModelDefinition[] {
  let memo = matchesByList.get(models);
  if (!memo) {
    memo = new Map();
    matchesByList.set(models, memo);
  }
  const known = memo.get(modelName);
  if (known) return known;
  const matching = models.filter((m) => modelMatches(m, modelName));
  // Tenant-chosen names are unbounded; a full memo starts over rather than grow.
  if (memo.size >= MATCH_MEMO_LIMIT) memo.clear();
  memo.set(modelName, matching);
  return matching;
}

/**
 * Usage totals and cost of one merged observation: provided cost wins; otherwise the matched
 * model's prices × usage, with usage counted by the model's tokenizer when the client sent none.
 * Runs as part of the merge, so the stored cost always belongs to the stored usage and output.
 */
export async function priceObservation(record: ObservationRecord, models: ModelDefinition[]): Promise<ObservationCost> {
  // A price applies from its start date: an observation is priced as of when it started.
  const model = record.model ? matchModel(record.model, candidatesMatching(models, record.model), record.startTime) : null;
  // Generations without usage or cost get their tokens counted (never for errors: their output is partial).
  const shouldCount =
    model?.tokenizerId &&
    record.level !== "ERROR" &&
    Object.keys(record.providedUsageDetails).length === 0 &&
    Object.keys(record.providedCostDetails).length === 0;
  const counted = shouldCount
    ? await countTokens({
        tokenizerId: model.tokenizerId,
        tokenizerConfig: model.tokenizerConfig,
        input: record.input,
        output: record.output,
      })
    : null;
  const usage: Record<string, number> = counted ?? record.providedUsageDetails;
  const hasUsage = Object.keys(usage).length > 0;
  const cost = calculateCost({
    usage,
    providedCost: record.providedCostDetails,
    model,
    modelParameters: record.modelParameters ?? undefined,
    metadata: record.metadata,
  });
  return {
    usageDetails: usage,
    costDetails: cost?.costDetails ?? {},
    inputTokens: hasUsage ? storableCount(inputUsage(usage)) : null,
    outputTokens: hasUsage ? storableCount(outputUsage(usage)) : null,
    totalTokens: hasUsage ? storableCount(totalUsage(usage)) : null,
    totalCost: storableCost(cost?.totalCost ?? null),
    matchedModelId: model?.id ?? null,
    pricingTierName: cost?.tierName ?? null,
  };
}
