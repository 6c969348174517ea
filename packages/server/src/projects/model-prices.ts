import type { Role, TCreateModelBody, TModelMatchResponse, TModelPriceList, TPublicModel } from "@loupe/contracts";
import { listProjectModels } from "@loupe/db";
import { BUILTIN_MODELS, matchModel } from "@loupe/domain";
import type { AuditContext } from "../audit/audit.ts";
import { requireCapability } from "../auth/roles.ts";
import { candidateModels } from "../ingestion/compute-costs.ts";
import { builtinModelDto, projectModelDto } from "../public-api/dto.ts";
import { createPublicModel, deletePublicModel, getPublicModel, upsertPublicModel } from "../public-api/models.ts";

// Model prices from the settings page: the same services as /api/public/models (so a pattern RE2
// cannot run is the same 400), behind the role. Reading is for every member; writes are settings
// (ADMIN and up, `project:manage`), as API keys and LLM connections are.

type Actor = { projectId: string; role: Role };

/** The project's models (newest first), then the built-in catalog. */
export async function listModelPrices(projectId: string): Promise<TModelPriceList> {
  const own = (await listProjectModels(projectId)).map(projectModelDto);
  return { data: [...own, ...BUILTIN_MODELS.map(builtinModelDto)] };
}

/** The model that would price `modelName` now (project models first, then the newest start date). */
export async function matchModelName(projectId: string, modelName: string): Promise<TModelMatchResponse> {
  const match = matchModel(modelName, await candidateModels(projectId), new Date());
  return { modelName, match: match ? await getPublicModel(projectId, match.id) : null };
}

export async function createModelPrice(actor: Actor, body: TCreateModelBody, audit: AuditContext): Promise<TPublicModel> {
  requireCapability(actor.role, "project:manage");
  return createPublicModel(actor.projectId, body, audit);
}

export async function updateModelPrice(actor: Actor, modelId: string, body: TCreateModelBody, audit: AuditContext): Promise<TPublicModel> {
  requireCapability(actor.role, "project:manage");
  await getPublicModel(actor.projectId, modelId); // 404 for another project's id: an edit never creates
  return upsertPublicModel(actor.projectId, modelId, body, audit);
}

export async function deleteModelPrice(actor: Actor, modelId: string, audit: AuditContext): Promise<void> {
  requireCapability(actor.role, "project:manage");
  await deletePublicModel(actor.projectId, modelId, audit);
}
