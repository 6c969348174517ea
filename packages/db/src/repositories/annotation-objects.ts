import type { CommentObjectType } from "@loupe/contracts";
import { prisma } from "../client.ts";
import { Prisma } from "../generated/prisma/client.ts";

// The objects people annotate and comment on: which of a list of ids exist in the project, with the
// trace and environment a score on them inherits. Table and columns come from this map, never from input.

const TABLES: Record<CommentObjectType, Prisma.Sql> = {
  TRACE: Prisma.sql`SELECT "id", "id" AS "traceId", "environment" FROM "Trace"`,
  OBSERVATION: Prisma.sql`SELECT "id", "traceId", "environment" FROM "Observation"`,
  SESSION: Prisma.sql`SELECT "id", NULL::text AS "traceId", "environment" FROM "TraceSession"`,
  PROMPT: Prisma.sql`SELECT "id", NULL::text AS "traceId", 'default' AS "environment" FROM "Prompt"`,
};

export type AnnotationObjectRef = { id: string; traceId: string | null; environment: string };

export async function findAnnotationObjects(
  projectId: string,
  objectType: CommentObjectType,
  ids: string[],
): Promise<Map<string, AnnotationObjectRef>> {
  if (ids.length === 0) return new Map();
  const rows = await prisma.$queryRaw<AnnotationObjectRef[]>`
    ${TABLES[objectType]} WHERE "projectId" = ${projectId} AND "id" = ANY(${ids}::text[])`;
  return new Map(rows.map((r) => [r.id, r]));
}
