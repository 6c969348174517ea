import {
  offsetOf,
  pageMeta,
  type TCreateModelBody,
  type TMessageResponse,
  type TModelsResponse,
  type TPageQuery,
  type TPublicModel,
} from "@loupe/contracts";
import {
  deleteProjectModel,
  findProjectModel,
  insertProjectModel,
  listProjectModels,
  type NewProjectModel,
  type ProjectModelRow,
  upsertProjectModel,
} from "@loupe/db";
import { BUILTIN_MODELS, compileModelPattern, getBuiltinModel, PricingTiersSchema } from "@loupe/domain";
import { type AuditContext, recordAudit } from "../audit/audit.ts";
import { badRequest, conflict, DomainError, forbidden, notFoundInProject } from "../errors.ts";
import { invalidateProjectModels } from "../ingestion/compute-costs.ts";
import { builtinModelDto, projectModelDto } from "./dto.ts";

/** GET /api/public/models: the project's models (newest first), then the built-in catalog. */
export async function listPublicModels(projectId: string, query: TPageQuery): Promise<TModelsResponse> {
  const projectModels = (await listProjectModels(projectId)).map(projectModelDto);
  const all = [...projectModels, ...BUILTIN_MODELS.map(builtinModelDto)];
  const start = offsetOf(query);
  return { data: all.slice(start, start + query.limit), meta: pageMeta(query, all.length) };
}

/** GET /api/public/models/{modelId}: a project model or a built-in one. */
export async function getPublicModel(projectId: string, modelId: string): Promise<TPublicModel> {
  const row = await findProjectModel(projectId, modelId);
  if (row) return projectModelDto(row);
  const builtin = getBuiltinModel(modelId);
  if (builtin) return builtinModelDto(builtin);
  throw notFoundInProject("Model", modelId);
}

/**
 * The stored form of a create/upsert body. Flat prices become one default tier "Standard"; tiers must
 * satisfy the same rules as the built-in catalog (exactly one default tier, compiling regexes).
 */
function toNewModel(body: TCreateModelBody): NewProjectModel {
  const pattern = compileModelPattern(body.matchPattern);
  if (!pattern.ok) throw badRequest(`matchPattern ${pattern.reason}: ${body.matchPattern}`);
  const flat = Object.fromEntries(
    (["input", "output", "total"] as const).flatMap((k) => {
      const price = body[`${k}Price`];
      return price == null ? [] : [[k, price]];
    }),
  );
  const tiers = PricingTiersSchema.safeParse(
    body.pricingTiers ?? [{ name: "Standard", isDefault: true, priority: 0, conditions: [], prices: flat }],
  );
  if (!tiers.success) {
    const reasons = tiers.error.issues.map((i) => (i.path.length ? `pricingTiers.${i.path.join(".")}: ${i.message}` : i.message));
    throw badRequest(`Invalid pricingTiers: ${reasons.join("; ")}`);
  }
  return {
    modelName: body.modelName,
    matchPattern: body.matchPattern,
    startDate: body.startDate ? new Date(body.startDate) : null,
    unit: body.unit ?? "TOKENS",
    tokenizerId: body.tokenizerId ?? null,
    tokenizerConfig: body.tokenizerConfig ?? null,
    tiers: tiers.data.map(({ id: _id, ...t }) => t),
  };
}

async function saved(
  projectId: string,
  body: TCreateModelBody,
  row: ProjectModelRow | "duplicate",
  audit: AuditContext,
  action: "model.created" | "model.updated",
): Promise<TPublicModel> {
  if (row === "duplicate") {
    throw conflict(`A model named "${body.modelName}" with the same startDate already exists in this project`);
  }
  invalidateProjectModels(projectId);
  const dto = projectModelDto(row);
  await recordAudit(undefined, audit, { action, projectId, resource: { type: "model", id: dto.id }, after: dto });
  return dto;
}

/** POST /api/public/models. */
export async function createPublicModel(projectId: string, body: TCreateModelBody, audit: AuditContext): Promise<TPublicModel> {
  const model = toNewModel(body);
  return saved(projectId, body, await insertProjectModel(projectId, model), audit, "model.created");
}

/** PUT /api/public/models/{modelId}: creates the project model with this id or replaces it whole. */
export async function upsertPublicModel(
  projectId: string,
  modelId: string,
  body: TCreateModelBody,
  audit: AuditContext,
): Promise<TPublicModel> {
  if (getBuiltinModel(modelId)) {
    throw forbidden(
      `Model ${modelId} is a built-in model managed by Loupe and cannot be modified; create a project model with the same modelName to override its prices`,
    );
  }
  const model = toNewModel(body);
  const row = await upsertProjectModel(projectId, modelId, model);
  if (row === "taken") throw conflict(`Model id ${modelId} is already in use; choose another id`);
  return saved(projectId, body, row, audit, "model.updated");
}

/** DELETE /api/public/models/{modelId}. Built-in models cannot be deleted, only overridden. */
export async function deletePublicModel(projectId: string, modelId: string, audit: AuditContext): Promise<TMessageResponse> {
  if (getBuiltinModel(modelId)) {
    throw new DomainError(
      404,
      `Model ${modelId} is a built-in model managed by Loupe and cannot be deleted; create a project model with the same modelName to override its prices`,
      "NotFound",
    );
  }
  if (!(await deleteProjectModel(projectId, modelId))) throw notFoundInProject("Model", modelId);
  invalidateProjectModels(projectId);
  await recordAudit(undefined, audit, { action: "model.deleted", projectId, resource: { type: "model", id: modelId } });
  return { message: "Model successfully deleted" };
}
