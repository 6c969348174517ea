import {
  type TExperimentDetailResponse,
  type TExperimentListResponse,
  type TExperimentSummary,
  type TPromptContent,
  type TStartExperimentBody,
  ZExperimentVariableMapping,
  ZLlmParams,
} from "@loupe/contracts";
import {
  activeDatasetItems,
  cancelDatasetExperiment,
  type DatasetExperimentRow,
  findDatasetById,
  findDatasetExperiment,
  findDatasetRun,
  findLatestEvaluator,
  insertExperiments,
  listDatasetExperiments,
  listExperimentItems,
  RunNameTakenError,
} from "@loupe/db";
import { describeMissingInput, fillExperimentPrompt, mappingProblems, promptVariables } from "@loupe/domain";
import { enqueueMany } from "@loupe/jobs";
import { z } from "zod";
import { badRequest, conflict, DomainError, notFoundInProject } from "../errors.ts";
import { listPlaygroundConnections } from "../llm/connections.ts";
import { logger } from "../logger.ts";
import { getPrompt } from "../prompts/get-prompt.ts";

// Experiments from the UI: checked whole before anything is written (the prompt, every connection and
// evaluator, the mappings, whether the items can fill the prompt), then one dataset run per model
// configuration with one pending item per active dataset item, and one `experiments.item` job each.

/** Items one experiment runs over; a larger dataset is run from code (the SDK runners). */
const MAX_EXPERIMENT_ITEMS = 1000;
const LISTED_ITEMS = 200;

/** What an experiment's items run, fixed when it starts (a later prompt or evaluator version does not change it). */
export const ZStoredExperimentConfig = z.object({
  prompt: z.object({ name: z.string(), version: z.number().int(), content: z.unknown() }),
  connectionId: z.string(),
  connectionName: z.string(),
  model: z.string(),
  params: ZLlmParams,
  evaluators: z.array(
    z.object({ versionId: z.string(), name: z.string(), version: z.number().int(), mapping: z.array(ZExperimentVariableMapping) }),
  ),
});
export type StoredExperimentConfig = z.infer<typeof ZStoredExperimentConfig> & { prompt: { content: TPromptContent } };

type ExperimentActor = { projectId: string; userId: string | null };

async function resolvePrompt(projectId: string, ref: TStartExperimentBody["prompt"]) {
  try {
    return await getPrompt(projectId, ref.name, { version: ref.version, label: ref.label, resolve: true });
  } catch (error) {
    // The prompt is part of the request body: a missing one is the caller's 400, not a missing URL.
    if (error instanceof DomainError) throw badRequest(`prompt: ${error.message}`);
    throw error;
  }
}

/** Run names: the given one for one model configuration, else one per configuration, named by its model. */
function runNames(body: TStartExperimentBody): string[] {
  if (body.models.length === 1) return [body.runName];
  const names = body.models.map((m) => `${body.runName} · ${m.model}`);
  return names.map((n, i) => (names.indexOf(n) === i ? n : `${n} (${i + 1})`));
}

export async function startExperiment(actor: ExperimentActor, datasetId: string, body: TStartExperimentBody) {
  const { projectId } = actor;
  const dataset = await findDatasetById(projectId, datasetId);
  if (!dataset) throw notFoundInProject("Dataset", datasetId);

  const prompt = await resolvePrompt(projectId, body.prompt);
  const content = prompt.prompt as TPromptContent;

  const connections = await listPlaygroundConnections(projectId);
  const models = body.models.map((m, i) => {
    const connection = connections.find((c) => c.id === m.connectionId);
    if (!connection)
      throw badRequest(`models.${i}.connectionId: this project has no LLM connection ${m.connectionId} (was it deleted?); pick another`);
    return { ...m, connectionName: connection.provider };
  });

  const evaluators: StoredExperimentConfig["evaluators"] = [];
  for (const [i, e] of body.evaluators.entries()) {
    const evaluator = await findLatestEvaluator(projectId, e.evaluatorId);
    if (!evaluator) throw badRequest(`evaluators.${i}.evaluatorId: this project has no evaluator ${e.evaluatorId}`);
    if (!evaluator.connectionId || !connections.some((c) => c.id === evaluator.connectionId))
      throw badRequest(`evaluators.${i}: the judge connection of "${evaluator.name}" was deleted; pick one on the evaluator first`);
    const problems = mappingProblems(promptVariables(evaluator.prompt), e.mapping);
    if (problems[0]) throw badRequest(`evaluators.${i} (${evaluator.name}) ${problems[0].field}: ${problems[0].message}`);
    evaluators.push({ versionId: evaluator.id, name: evaluator.name, version: evaluator.version, mapping: e.mapping });
  }

  const items = await activeDatasetItems(projectId, datasetId, MAX_EXPERIMENT_ITEMS + 1);
  if (items.length === 0) throw badRequest("The dataset has no active items to run over; add or unarchive items first");
  if (items.length > MAX_EXPERIMENT_ITEMS)
    throw badRequest(`The dataset has more than ${MAX_EXPERIMENT_ITEMS} active items; run it from code with the SDK's experiment runner`);
  // Items that cannot fill the prompt fail one by one, visibly; when none can, nothing starts.
  const fills = items.map((item) => fillExperimentPrompt(content, item.input));
  if (fills.every((f) => f.missing.length > 0)) {
    const first = fills[0] as { missing: string[] };
    throw badRequest(
      `No item of this dataset can fill the prompt "${prompt.name}" v${prompt.version}: ${describeMissingInput(first.missing, items[0]?.input)}`,
    );
  }

  const names = runNames(body);
  const existing = await Promise.all(names.map((n) => findDatasetRun(projectId, datasetId, n)));
  const taken = names.find((_, i) => existing[i]);
  if (taken) throw conflict(`This dataset already has a run named "${taken}"; choose another run name`);

  let created: { id: string; itemIds: string[] }[];
  try {
    created = await insertExperiments(projectId, {
      datasetId,
      createdByUserId: actor.userId,
      items: items.map((i) => ({ id: i.id, version: i.version })),
      experiments: models.map((m, i) => ({
        runName: names[i] as string,
        runDescription: body.description || null,
        runMetadata: { source: "loupe-experiment", prompt: { name: prompt.name, version: prompt.version }, model: m.model, ...m.params },
        config: {
          prompt: { name: prompt.name, version: prompt.version, content },
          connectionId: m.connectionId,
          connectionName: m.connectionName,
          model: m.model,
          params: m.params,
          evaluators,
        } satisfies StoredExperimentConfig,
      })),
    });
  } catch (error) {
    if (error instanceof RunNameTakenError) throw conflict("A run of this name was just created in this dataset; choose another run name");
    throw error;
  }
  try {
    await enqueueMany(
      "experiments.item",
      created.flatMap((e) => e.itemIds.map((itemId) => ({ payload: { projectId, itemId }, jobId: itemId }))),
    );
  } catch (error) {
    // The rows are committed; the worker's sweep enqueues pending items whose jobs are missing.
    logger.error({ err: error instanceof Error ? error.message : String(error) }, "could not enqueue experiment items");
  }
  const rows = await listDatasetExperiments(projectId, datasetId);
  return { experiments: created.flatMap((c) => rows.filter((r) => r.id === c.id).map(toSummary)) };
}

function toSummary(row: DatasetExperimentRow): TExperimentSummary {
  const config = ZStoredExperimentConfig.parse(row.config);
  return {
    id: row.id,
    runId: row.runId,
    runName: row.runName,
    status: row.status,
    promptName: config.prompt.name,
    promptVersion: config.prompt.version,
    connectionName: config.connectionName,
    model: config.model,
    evaluatorNames: config.evaluators.map((e) => e.name),
    total: row.total,
    counts: row.counts,
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}

export async function listExperiments(projectId: string, datasetId: string): Promise<TExperimentListResponse> {
  if (!(await findDatasetById(projectId, datasetId))) throw notFoundInProject("Dataset", datasetId);
  return { data: (await listDatasetExperiments(projectId, datasetId)).map(toSummary) };
}

async function experimentOf(projectId: string, datasetId: string, experimentId: string) {
  const row = await findDatasetExperiment(projectId, experimentId);
  if (!row || row.datasetId !== datasetId) throw notFoundInProject("Experiment", experimentId);
  return row;
}

export async function getExperiment(projectId: string, datasetId: string, experimentId: string): Promise<TExperimentDetailResponse> {
  const row = await experimentOf(projectId, datasetId, experimentId);
  const items = await listExperimentItems(projectId, experimentId, LISTED_ITEMS);
  return {
    experiment: toSummary(row),
    items: items.map((i) => ({
      id: i.id,
      datasetItemId: i.datasetItemId,
      status: i.status,
      error: i.error,
      traceId: i.traceId,
      finishedAt: i.finishedAt?.toISOString() ?? null,
    })),
  };
}

/** Stops a running experiment: pending items are cancelled (their jobs then do nothing); finished ones stay. */
export async function cancelExperiment(projectId: string, datasetId: string, experimentId: string): Promise<TExperimentSummary> {
  const row = await experimentOf(projectId, datasetId, experimentId);
  if (!(await cancelDatasetExperiment(projectId, experimentId)))
    throw conflict(`The experiment is ${row.status.toLowerCase()}; only a running experiment can be cancelled`);
  return toSummary((await findDatasetExperiment(projectId, experimentId)) as DatasetExperimentRow);
}
