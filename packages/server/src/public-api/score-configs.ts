import {
  pageMeta,
  type TCreateScoreConfigBody,
  type TPageQuery,
  type TPublicScoreConfig,
  type TScoreConfigsResponse,
  offsetOf,
} from "@loupe/contracts";
import { findScoreConfig, insertScoreConfig, listScoreConfigsPage } from "@loupe/db";
import { conflict, notFoundInProject } from "../errors.ts";
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
