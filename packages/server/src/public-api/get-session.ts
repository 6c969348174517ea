import type { TSessionWithTraces } from "@loupe/contracts";
import { findSession, findTraces } from "@loupe/db";
import { notFoundInProject } from "../errors.ts";
import { toPublicTrace } from "./dto.ts";

const MAX_SESSION_TRACES = 1000;

/** GET /api/public/sessions/{sessionId}: the session with its traces (oldest first, not paginated). */
export async function getPublicSession(projectId: string, sessionId: string): Promise<TSessionWithTraces> {
  const [session, traces] = await Promise.all([
    findSession(projectId, sessionId),
    findTraces({
      projectId,
      filter: { sessionId },
      limit: MAX_SESSION_TRACES,
      offset: 0,
      orderBy: { field: "timestamp", direction: "asc" },
      include: { io: true, metrics: false, observations: false, scores: false },
    }),
  ]);
  if (!session) throw notFoundInProject("Session", sessionId);
  return {
    id: session.id,
    createdAt: session.createdAt.toISOString(),
    projectId,
    environment: session.environment,
    traces: traces.map((t) => toPublicTrace(projectId, t)),
  };
}
