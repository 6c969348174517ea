import { prisma } from "../client.ts";
import type { Prisma } from "../generated/prisma/client.ts";

// Sessions (TraceSession rows) for the public API.

export type SessionFilter = { fromTimestamp?: string; toTimestamp?: string; environment?: string[] };

function whereSessions(projectId: string, f: SessionFilter): Prisma.TraceSessionWhereInput {
  return {
    projectId,
    ...(f.fromTimestamp || f.toTimestamp
      ? {
          createdAt: {
            ...(f.fromTimestamp ? { gte: new Date(f.fromTimestamp) } : {}),
            ...(f.toTimestamp ? { lt: new Date(f.toTimestamp) } : {}),
          },
        }
      : {}),
    ...(f.environment?.length ? { environment: { in: f.environment } } : {}),
  };
}

export async function listSessionsPage(projectId: string, filter: SessionFilter, page: { limit: number; offset: number }) {
  const where = whereSessions(projectId, filter);
  const [rows, total] = await Promise.all([
    prisma.traceSession.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: page.limit,
      skip: page.offset,
      select: { id: true, createdAt: true, environment: true },
    }),
    prisma.traceSession.count({ where }),
  ]);
  return { rows, total };
}

export async function findSession(projectId: string, id: string) {
  return prisma.traceSession.findUnique({
    where: { projectId_id: { projectId, id } },
    select: { id: true, createdAt: true, environment: true },
  });
}
