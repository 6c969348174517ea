import { offsetOf, pageMeta, type TListPromptsQuery, type TPromptMetaListResponse } from "@loupe/contracts";
import { listPromptMeta } from "@loupe/db";

/** GET /api/public/v2/prompts: one entry per name over the versions that match the filters. */
export async function listPrompts(projectId: string, query: TListPromptsQuery): Promise<TPromptMetaListResponse> {
  const { rows, total } = await listPromptMeta(projectId, query, { limit: query.limit, offset: offsetOf(query) });
  return {
    data: rows.map((r) => ({
      name: r.name,
      type: r.type as "text" | "chat",
      versions: r.versions,
      labels: r.labels,
      tags: r.tags,
      lastUpdatedAt: r.lastUpdatedAt.toISOString(),
      lastConfig: r.lastConfig,
    })),
    meta: pageMeta(query, total),
  };
}
