import { type TEvalOutputDefinition, type TEvaluator, type TEvaluatorBody, ZEvalOutputDefinition } from "@loupe/contracts";
import {
  deleteEvaluatorFamily,
  type EvaluatorRow,
  findLatestEvaluator,
  findLlmConnectionWithSecrets,
  insertEvaluatorVersion,
  listLatestEvaluators,
} from "@loupe/db";
import { connectionModels, EVALUATOR_LIBRARY, extractVariables } from "@loupe/domain";
import { type AuditContext, recordAudit } from "../audit/audit.ts";
import { badRequest, notFoundInProject } from "../errors.ts";

// Evaluators: a new save of a name is its next version; rules always run the latest version, and each
// score names the version that produced it.

export function evaluatorDto(row: EvaluatorRow, ruleCount: number): TEvaluator {
  return {
    id: row.id,
    evaluatorId: row.evaluatorId,
    name: row.name,
    version: row.version,
    prompt: row.prompt,
    variables: extractVariables(row.prompt),
    outputDefinition: ZEvalOutputDefinition.parse(row.outputDefinition) as TEvalOutputDefinition,
    connectionId: row.connectionId,
    model: row.model,
    libraryKey: row.libraryKey,
    ruleCount,
    createdAt: row.createdAt.toISOString(),
  };
}

export const listEvaluatorLibrary = async () => ({ data: EVALUATOR_LIBRARY });

export async function listEvaluators(projectId: string): Promise<{ data: TEvaluator[] }> {
  const rows = await listLatestEvaluators(projectId);
  return { data: rows.map((r) => evaluatorDto(r, r.ruleCount)) };
}

/** The judge must be a connection of this project offering the model (a custom model name is accepted when the connection allows it). */
export async function assertJudge(projectId: string, connectionId: string, model: string): Promise<void> {
  const connection = await findLlmConnectionWithSecrets(projectId, connectionId);
  if (!connection) throw badRequest(`connectionId: LLM connection ${connectionId} does not exist in this project (was it deleted?)`);
  const models = connectionModels(connection);
  if (models.length > 0 && !models.includes(model))
    throw badRequest(
      `model: "${model}" is not offered by the connection "${connection.provider}" (${models.slice(0, 8).join(", ")}…); add it as a custom model`,
    );
}

export async function createEvaluator(projectId: string, body: TEvaluatorBody): Promise<TEvaluator> {
  await assertJudge(projectId, body.connectionId, body.model);
  const row = await insertEvaluatorVersion(projectId, {
    name: body.name,
    prompt: body.prompt,
    outputDefinition: body.outputDefinition,
    connectionId: body.connectionId,
    model: body.model,
    libraryKey: body.libraryKey ?? null,
  });
  return evaluatorDto(row, 0);
}

export async function getEvaluator(projectId: string, evaluatorId: string): Promise<TEvaluator> {
  const found = (await listLatestEvaluators(projectId)).find((r) => r.evaluatorId === evaluatorId);
  if (!found) throw notFoundInProject("Evaluator", evaluatorId);
  return evaluatorDto(found, found.ruleCount);
}

export async function latestEvaluatorOrThrow(projectId: string, evaluatorId: string): Promise<EvaluatorRow> {
  const row = await findLatestEvaluator(projectId, evaluatorId);
  if (!row) throw badRequest(`evaluatorId: evaluator ${evaluatorId} does not exist in this project`);
  return row;
}

export async function deleteEvaluator(projectId: string, evaluatorId: string, audit: AuditContext): Promise<{ message: string }> {
  if (!(await deleteEvaluatorFamily(projectId, evaluatorId))) throw notFoundInProject("Evaluator", evaluatorId);
  await recordAudit(undefined, audit, { action: "evaluator.deleted", projectId, resource: { type: "evaluator", id: evaluatorId } });
  return { message: "Evaluator successfully deleted" };
}
