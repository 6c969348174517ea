import {
  offsetOf,
  pageMeta,
  type TEvalRule,
  type TEvalRuleBody,
  type TEvaluator,
  type TPageQuery,
  type TUnstableCreateEvaluatorBody,
  type TUnstableCreateRuleBody,
  type TUnstableEvaluator,
  type TUnstableReadableRule,
  type TUnstableRuleFilter,
  type TUnstableUpdateRuleBody,
  type TVariableMapping,
  ZEvalRuleBody,
} from "@loupe/contracts";
import {
  findLatestEvaluatorByName,
  findLlmConnectionByProvider,
  findLlmConnectionWithSecrets,
  listLatestEvaluators,
  listRules,
} from "@loupe/db";
import { DomainError, badRequest } from "../errors.ts";
import { createEvaluator, deleteEvaluator, getEvaluator } from "../evaluations/evaluators.ts";
import {
  createEvaluationRule,
  deleteEvaluationRule,
  getEvaluationRule,
  listEvaluationRules,
  updateEvaluationRule,
} from "../evaluations/rules.ts";

// Langfuse's /api/public/unstable/evaluators… and /evaluation-rules… on Loupe's evaluators and rules.
// Loupe's evaluator id is the family id (stable across versions), as Langfuse's. Writable rules target
// observations; a Loupe trace rule reads as Langfuse's legacy `trace` rule (read-only here).

async function toUnstableEvaluator(projectId: string, e: TEvaluator): Promise<TUnstableEvaluator> {
  const connection = e.connectionId ? await findLlmConnectionWithSecrets(projectId, e.connectionId) : null;
  return {
    type: "llm_as_judge",
    id: e.evaluatorId,
    name: e.name,
    version: e.version,
    variables: e.variables,
    mapping: null,
    evaluationRuleCount: e.ruleCount,
    createdAt: e.createdAt,
    updatedAt: e.createdAt,
    prompt: e.prompt,
    outputDefinition: e.outputDefinition,
    modelConfig: connection && e.model ? { provider: connection.provider, model: e.model } : null,
  };
}

export async function listUnstableEvaluators(projectId: string, query: TPageQuery) {
  const rows = await listLatestEvaluators(projectId);
  const page = rows.slice(offsetOf(query), offsetOf(query) + query.limit);
  const data = await Promise.all(page.map((r) => getEvaluator(projectId, r.evaluatorId).then((e) => toUnstableEvaluator(projectId, e))));
  return { data, meta: pageMeta(query, rows.length) };
}

export async function getUnstableEvaluator(projectId: string, evaluatorId: string) {
  return toUnstableEvaluator(projectId, await getEvaluator(projectId, evaluatorId));
}

/** A known name creates its next version (Langfuse's rule). Loupe has no project default judge, so modelConfig is required. */
export async function createUnstableEvaluator(projectId: string, body: TUnstableCreateEvaluatorBody) {
  if (!body.modelConfig)
    throw new DomainError(
      422,
      "evaluator_preflight_failed: Loupe has no project default evaluation model; send modelConfig {provider, model}",
      "Unprocessable",
    );
  const connection = await findLlmConnectionByProvider(projectId, body.modelConfig.provider);
  if (!connection)
    throw new DomainError(
      422,
      `evaluator_preflight_failed: no LLM connection "${body.modelConfig.provider}" in this project (GET /api/public/llm-connections)`,
      "Unprocessable",
    );
  const created = await createEvaluator(projectId, {
    name: body.name,
    prompt: body.prompt,
    outputDefinition: body.outputDefinition,
    connectionId: connection.id,
    model: body.modelConfig.model,
  });
  return toUnstableEvaluator(projectId, created);
}

export const deleteUnstableEvaluator = deleteEvaluator;

// --- rules -------------------------------------------------------------------------------------

/** Langfuse filter columns → the observations table's filter keys. */
const FILTER_COLUMNS: Record<string, string> = {
  type: "type",
  name: "name",
  environment: "environment",
  model: "model",
  version: "version",
  promptName: "promptName",
};

function toTableFilter(filters: TUnstableRuleFilter[]): { filter: Record<string, string>; observationType: string | null } {
  const out: Record<string, string> = {};
  filters.forEach((f, i) => {
    const key = FILTER_COLUMNS[f.column];
    if (!key)
      throw badRequest(
        `invalid_filter_value: filter[${i}].column "${f.column}" is not supported; allowed: ${Object.keys(FILTER_COLUMNS).join(", ")}`,
      );
    const single =
      f.type === "string" && f.operator === "="
        ? f.value
        : f.type === "stringOptions" && f.operator === "any of" && f.value.length === 1
          ? f.value[0]
          : undefined;
    if (single === undefined)
      throw badRequest(`invalid_filter_value: filter[${i}] on "${f.column}": Loupe rules match one value ("=" or "any of" with one value)`);
    out[key] = single;
  });
  const { type, ...filter } = out;
  return { filter, observationType: type ?? null };
}

const fromTableFilter = (filter: Record<string, string>): TUnstableRuleFilter[] =>
  Object.entries(filter).flatMap(([key, value]): TUnstableRuleFilter[] => {
    const column = Object.entries(FILTER_COLUMNS).find(([, k]) => k === key)?.[0] ?? key;
    if (key === "type" && value === "ALL") return [];
    return key === "type" || key === "environment"
      ? [{ type: "stringOptions", column, operator: "any of", value: [value] }]
      : [{ type: "string", column, operator: "=", value }];
  });

function toMapping(mapping: TUnstableCreateRuleBody["mapping"]): TVariableMapping[] {
  return (mapping ?? []).map((m, i) => {
    if (m.source !== "input" && m.source !== "output" && m.source !== "metadata")
      throw badRequest(
        `invalid_variable_mapping: mapping[${i}].source "${m.source}" is not supported for target=observation in Loupe (input, output, metadata)`,
      );
    return { variable: m.variable, object: "observation", objectName: null, source: m.source, jsonPath: m.jsonPath ?? null };
  });
}

function toReadable(r: TEvalRule): TUnstableReadableRule {
  const evaluator = { id: r.evaluatorId, name: r.evaluatorName ?? "", type: "llm_as_judge" as const };
  const base = {
    id: r.id,
    name: r.name,
    evaluator,
    enabled: r.enabled,
    status: r.status,
    pausedReason: r.pausedReason,
    pausedMessage: r.pausedMessage,
    sampling: r.sampling,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
  const filter = fromTableFilter(r.filter);
  if (r.target === "observation") {
    const mapping = r.mapping.map((m) => ({ variable: m.variable, source: m.source, jsonPath: m.jsonPath ?? null }));
    return { ...base, target: "observation", evaluators: [{ evaluator, mapping }], filter, mapping };
  }
  const mapping = r.mapping.map((m) => ({
    variable: m.variable,
    langfuseObject: m.object === "trace" ? ("trace" as const) : ("span" as const),
    objectName: m.objectName ?? null,
    source: m.source,
    jsonPath: m.jsonPath ?? null,
  }));
  return {
    ...base,
    target: "trace",
    evaluators: [{ evaluator, mapping }],
    delay: r.delaySeconds * 1000,
    timeScope: [...(r.runOnNew ? (["NEW"] as const) : []), ...(r.backfill ? (["EXISTING"] as const) : [])],
    filter,
    mapping,
  };
}

export async function listUnstableRules(projectId: string, query: TPageQuery) {
  const { total } = await listRules(projectId, { skip: 0, take: 0 });
  const { data } = await listEvaluationRules(projectId);
  return { data: data.slice(offsetOf(query), offsetOf(query) + query.limit).map(toReadable), meta: pageMeta(query, total) };
}

export async function getUnstableRule(projectId: string, id: string) {
  return toReadable(await getEvaluationRule(projectId, id));
}

async function evaluatorIdByName(projectId: string, name: string): Promise<string> {
  const evaluator = await findLatestEvaluatorByName(projectId, name);
  if (!evaluator) throw badRequest(`evaluator.name: no evaluator named "${name}" in this project (GET /api/public/unstable/evaluators)`);
  return evaluator.evaluatorId;
}

const targetObservation = (target: string) => {
  if (target !== "observation")
    throw badRequest(`target: Loupe's evaluation rules target "observation" (experiment rules are not supported yet)`);
};

export async function createUnstableRule(projectId: string, body: TUnstableCreateRuleBody) {
  targetObservation(body.target);
  const ref = body.evaluator ?? body.evaluators?.[0]?.evaluator;
  const { filter, observationType } = toTableFilter(body.filter ?? []);
  const rule: TEvalRuleBody = ZEvalRuleBody.parse({
    name: body.name,
    evaluatorId: await evaluatorIdByName(projectId, ref?.name ?? ""),
    target: "observation",
    observationType,
    filter,
    mapping: toMapping(body.mapping ?? body.evaluators?.[0]?.mapping),
    sampling: body.sampling ?? 1,
    enabled: body.enabled,
  });
  return toReadable(await createEvaluationRule(projectId, rule));
}

/** Only the given fields change; the result must still be a valid observation rule. */
export async function updateUnstableRule(projectId: string, id: string, body: TUnstableUpdateRuleBody) {
  const current = await getEvaluationRule(projectId, id);
  if (current.target !== "observation") throw badRequest("Legacy trace rules are read-only through this API; edit them in Loupe");
  if (body.target) targetObservation(body.target);
  const filter = body.filter ? toTableFilter(body.filter) : { filter: current.filter, observationType: current.observationType };
  const rule = ZEvalRuleBody.parse({
    name: body.name ?? current.name,
    evaluatorId: body.evaluator ? await evaluatorIdByName(projectId, body.evaluator.name) : current.evaluatorId,
    target: "observation",
    observationType: filter.observationType,
    filter: filter.filter,
    mapping: body.mapping ? toMapping(body.mapping) : current.mapping,
    sampling: body.sampling ?? current.sampling,
    delaySeconds: current.delaySeconds,
    runOnNew: current.runOnNew,
    backfill: current.backfill,
    enabled: body.enabled ?? current.enabled,
  });
  return toReadable(await updateEvaluationRule(projectId, id, rule));
}

export const deleteUnstableRule = deleteEvaluationRule;
