import {
  offsetOf,
  pageMeta,
  scoreConfigIssues,
  type TCreateScoreConfigBody,
  type TPageQuery,
  type TPublicScoreConfig,
  type TScoreConfigsResponse,
  type TUpdateScoreConfigBody,
} from "@loupe/contracts";
import { findScoreConfig, insertScoreConfig, listScoreConfigsPage, updateScoreConfig } from "@loupe/db";
import { badRequest, conflict, notFoundInProject } from "../errors.ts";
import { toPublicScoreConfig } from "./dto.ts";

/** GET /api/public/score-configs. */
export async function listPublicScoreConfigs(projectId: string, query: TPageQuery): Promise<TScoreConfigsResponse> {
  const { rows, total } = await listScoreConfigsPage(projectId, { limit: query.limit, offset: offsetOf(query) });
  return { data: rows.map(toPublicScoreConfig), meta: pageMeta(query, total) };
}

/** GET /api/public/score-configs/{configId}. */
export async function getPublicScoreConfig(projectId: string, configId: string): Promise<TPublicScoreConfig> {
  const row = await findScoreConfig(projectId, configId);
  if (!row) throw notFoundInProject("Score config", configId);
  return toPublicScoreConfig(row);
}

const BOOLEAN_CATEGORIES = [
  { value: 1, label: "True" },
  { value: 0, label: "False" },
];

/** POST /api/public/score-configs. BOOLEAN configs get their True/False categories automatically. */
export async function createPublicScoreConfig(projectId: string, body: TCreateScoreConfigBody): Promise<TPublicScoreConfig> {
  const row = await insertScoreConfig(projectId, {
    name: body.name,
    dataType: body.dataType,
    categories: body.dataType === "BOOLEAN" ? BOOLEAN_CATEGORIES : (body.categories ?? null),
    minValue: body.minValue ?? null,
    maxValue: body.maxValue ?? null,
    description: body.description ?? null,
  });
  if (!row) throw conflict(`A score config named "${body.name}" already exists in this project`);
  return toPublicScoreConfig(row);
}

type Categories = { value: number; label: string }[] | null;

/**
 * PATCH /api/public/score-configs/{configId}: merges the patch into the stored config and checks the
 * result with the create rules (Langfuse does the same), so e.g. a minValue above the stored maxValue
 * is refused. Archiving (`isArchived: true`) keeps the config and its scores readable.
 */
export async function updatePublicScoreConfig(
  projectId: string,
  configId: string,
  body: TUpdateScoreConfigBody,
): Promise<TPublicScoreConfig> {
  const existing = await findScoreConfig(projectId, configId);
  if (!existing) throw notFoundInProject("Score config", configId);
  const { dataType: _fixed, ...patch } = body;
  const pick = <K extends "minValue" | "maxValue">(k: K) => (patch[k] !== undefined ? patch[k] : existing[k]);
  const issues = scoreConfigIssues({
    dataType: existing.dataType,
    // BOOLEAN configs store their automatic True/False categories; only a patch may not set any.
    categories:
      existing.dataType === "BOOLEAN"
        ? patch.categories
        : patch.categories !== undefined
          ? patch.categories
          : (existing.categories as Categories),
    minValue: pick("minValue"),
    maxValue: pick("maxValue"),
  });
  if (issues.length > 0) throw badRequest(`Invalid score config: ${issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`);
  const row = await updateScoreConfig(projectId, configId, patch);
  if (row === "not-found") throw notFoundInProject("Score config", configId);
  if (row === "name-taken") throw conflict(`A score config named "${patch.name}" already exists in this project`);
  return toPublicScoreConfig(row);
}
