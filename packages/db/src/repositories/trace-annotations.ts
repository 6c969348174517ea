import { prisma } from "../client.ts";
import { type ScoreRecord, upsertScoreRecords } from "./scores.ts";

// Writes and look-ups of the trace detail page: hand-made scores, public sharing, score authors.

/** Display names of score authors (name, else email), by user id. */
export async function findUserDisplayNames(userIds: string[]): Promise<Map<string, string>> {
  if (userIds.length === 0) return new Map();
  const users = await prisma.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true, email: true } });
  return new Map(users.map((u) => [u.id, u.name ?? u.email]));
}

/** Sets Trace.public; false when the trace is not in this project. */
export async function setTracePublicFlag(projectId: string, traceId: string, isPublic: boolean): Promise<boolean> {
  const { count } = await prisma.trace.updateMany({ where: { projectId, id: traceId }, data: { public: isPublic } });
  return count > 0;
}

/** Score configs a person can annotate with (not archived), by name. */
export async function listActiveScoreConfigs(projectId: string) {
  return prisma.scoreConfig.findMany({ where: { projectId, isArchived: false }, orderBy: { name: "asc" } });
}

/** Which trace an observation of this project belongs to (null when it is not in the project). */
export async function findObservationTraceId(projectId: string, observationId: string): Promise<string | null> {
  const o = await prisma.observation.findUnique({
    where: { projectId_id: { projectId, id: observationId } },
    select: { traceId: true },
  });
  return o?.traceId ?? null;
}

/** Writes one score with the same upsert the ingestion worker uses (so the merge rules are shared). */
export async function writeScoreNow(projectId: string, record: ScoreRecord): Promise<void> {
  await prisma.$transaction((tx) => upsertScoreRecords(tx, projectId, [record]));
}
