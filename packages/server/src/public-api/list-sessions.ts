import { pageMeta, type TSessionsQuery, type TSessionsResponse, offsetOf } from "@loupe/contracts";
import { listSessionsPage } from "@loupe/db";

/** GET /api/public/sessions: newest first, filtered on createdAt and environment. */
export async function listPublicSessions(projectId: string, query: TSessionsQuery): Promise<TSessionsResponse> {
  const { page, limit, ...filter } = query;
  const { rows, total } = await listSessionsPage(projectId, filter, { limit, offset: offsetOf(query) });
  return {
    data: rows.map((s) => ({ id: s.id, createdAt: s.createdAt.toISOString(), projectId, environment: s.environment })),
    meta: pageMeta(query, total),
  };
}
