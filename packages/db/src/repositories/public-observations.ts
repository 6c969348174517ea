import type { ObservationRecord } from "@loupe/domain";
import { prisma } from "../client.ts";
import { Prisma } from "../generated/prisma/client.ts";
import type { TFilterCondition } from "@loupe/contracts";
import { type FilterColumns, filterColumn, filterConditions } from "./filter-sql.ts";
import { anyOfIf, eqIf, timeRange, whereAll } from "./sql.ts";

// Observation reads of the public API (v1 pages, v2 cursor pages, trace detail). One SELECT shared by
// all of them, joined with the trace for the user/session filters and the trace context fields.

export type ObservationFilter = {
  ids?: string[];
  name?: string;
  userId?: string;
  sessionId?: string;
  type?: string;
  traceId?: string;
  traceIds?: string[];
  level?: string;
  /** null: only observations without a parent. */
  parentObservationId?: string | null;
  isRootObservation?: boolean;
  environment?: string[];
  fromStartTime?: string;
  toStartTime?: string;
  version?: string;
  /** The JSON `filter` parameter's conditions. */
  conditions?: TFilterCondition[];
};

const { string: text, number: num, datetime, boolean: bool, array, json } = filterColumn;
const seconds = (from: Prisma.Sql, to: Prisma.Sql) => Prisma.sql`EXTRACT(EPOCH FROM (${to} - ${from}))::float8`;

/** Columns of the observations `filter` parameter (v1 and v2 lists; the trace's columns come from the join). */
export const OBSERVATION_FILTER_COLUMNS: FilterColumns = {
  id: text(Prisma.sql`o."id"`),
  type: text(Prisma.sql`o."type"`),
  name: text(Prisma.sql`o."name"`),
  traceId: text(Prisma.sql`o."traceId"`),
  parentObservationId: text(Prisma.sql`o."parentObservationId"`),
  startTime: datetime(Prisma.sql`o."startTime"`),
  endTime: datetime(Prisma.sql`o."endTime"`),
  environment: text(Prisma.sql`o."environment"`),
  level: text(Prisma.sql`o."level"`),
  statusMessage: text(Prisma.sql`o."statusMessage"`),
  version: text(Prisma.sql`o."version"`),
  isRootObservation: bool(Prisma.sql`(o."parentObservationId" IS NULL)`),
  latency: num(seconds(Prisma.sql`o."startTime"`, Prisma.sql`o."endTime"`)),
  timeToFirstToken: num(seconds(Prisma.sql`o."startTime"`, Prisma.sql`o."completionStartTime"`)),
  tokensPerSecond: num(Prisma.sql`(o."outputTokens" / NULLIF(${seconds(Prisma.sql`o."startTime"`, Prisma.sql`o."endTime"`)}, 0))`),
  inputTokens: num(Prisma.sql`o."inputTokens"`),
  outputTokens: num(Prisma.sql`o."outputTokens"`),
  totalTokens: num(Prisma.sql`o."totalTokens"`),
  tokens: num(Prisma.sql`o."totalTokens"`),
  inputCost: num(Prisma.sql`(o."costDetails"->>'input')::float8`),
  outputCost: num(Prisma.sql`(o."costDetails"->>'output')::float8`),
  totalCost: num(Prisma.sql`o."totalCost"::float8`),
  model: text(Prisma.sql`o."model"`),
  providedModelName: text(Prisma.sql`o."model"`),
  promptName: text(Prisma.sql`o."promptName"`),
  promptVersion: num(Prisma.sql`o."promptVersion"`),
  input: text(Prisma.sql`(o."input" #>> '{}')`),
  output: text(Prisma.sql`(o."output" #>> '{}')`),
  metadata: json(Prisma.sql`o."metadata"`),
  userId: text(Prisma.sql`t."userId"`),
  sessionId: text(Prisma.sql`t."sessionId"`),
  traceName: text(Prisma.sql`t."name"`),
  traceEnvironment: text(Prisma.sql`t."environment"`),
  traceTags: array(Prisma.sql`t."tags"`),
  tags: array(Prisma.sql`t."tags"`),
};

/** The stored record's fields plus the computed usage/cost columns and the trace context. */
export type PublicObservationRow = Pick<
  ObservationRecord,
  | "id"
  | "parentObservationId"
  | "name"
  | "startTime"
  | "endTime"
  | "completionStartTime"
  | "level"
  | "statusMessage"
  | "version"
  | "environment"
  | "model"
  | "promptName"
  | "promptVersion"
> & {
  traceId: string;
  type: string;
  promptId: string | null;
  modelParameters: unknown;
  input?: unknown;
  output?: unknown;
  metadata?: unknown;
  usageDetails: Record<string, number>;
  costDetails: Record<string, number>;
  totalCost: number | null;
  matchedModelId: string | null;
  pricingTierName: string | null;
  createdAt: Date;
  updatedAt: Date;
  userId: string | null;
  sessionId: string | null;
  traceName: string | null;
  traceTags: string[] | null;
  traceRelease: string | null;
};

function whereObservations(projectId: string, f: ObservationFilter): Prisma.Sql {
  return whereAll([
    Prisma.sql`o."projectId" = ${projectId}`,
    anyOfIf(Prisma.sql`o."id"`, f.ids),
    eqIf(Prisma.sql`o."name"`, f.name),
    eqIf(Prisma.sql`t."userId"`, f.userId),
    eqIf(Prisma.sql`t."sessionId"`, f.sessionId),
    eqIf(Prisma.sql`o."type"`, f.type),
    eqIf(Prisma.sql`o."traceId"`, f.traceId),
    anyOfIf(Prisma.sql`o."traceId"`, f.traceIds),
    eqIf(Prisma.sql`o."level"`, f.level),
    f.parentObservationId === null
      ? Prisma.sql`o."parentObservationId" IS NULL`
      : eqIf(Prisma.sql`o."parentObservationId"`, f.parentObservationId),
    f.isRootObservation === undefined
      ? undefined
      : f.isRootObservation
        ? Prisma.sql`o."parentObservationId" IS NULL`
        : Prisma.sql`o."parentObservationId" IS NOT NULL`,
    anyOfIf(Prisma.sql`o."environment"`, f.environment),
    ...timeRange(Prisma.sql`o."startTime"`, f.fromStartTime, f.toStartTime),
    eqIf(Prisma.sql`o."version"`, f.version),
    ...filterConditions(f.conditions, OBSERVATION_FILTER_COLUMNS),
  ]);
}

// The prompt version a generation used, joined when read rather than stored by the merge: a prompt
// created (or deleted and re-created) after its generations arrived still links, and the merge path
// stays untouched. One unique-index probe per returned row, none for counts.
const PROMPT_ID = Prisma.sql`(SELECT pr."id" FROM "Prompt" pr
  WHERE pr."projectId" = o."projectId" AND pr."name" = o."promptName" AND pr."version" = o."promptVersion")`;

const FROM = Prisma.sql`FROM "Observation" o LEFT JOIN "Trace" t ON t."projectId" = o."projectId" AND t."id" = o."traceId"`;

/**
 * Observations matching `filter`, newest first (ties by id). `after` continues a cursor page:
 * rows strictly after the (startTime, id) of the last row returned before.
 */
export async function findObservations(input: {
  projectId: string;
  filter: ObservationFilter;
  limit: number;
  offset?: number;
  after?: { startTime: Date; id: string };
  order?: "asc" | "desc";
  withPayload?: boolean;
}): Promise<PublicObservationRow[]> {
  const desc = (input.order ?? "desc") === "desc";
  const after = input.after
    ? desc
      ? Prisma.sql`(o."startTime", o."id") < (${input.after.startTime}, ${input.after.id})`
      : Prisma.sql`(o."startTime", o."id") > (${input.after.startTime}, ${input.after.id})`
    : undefined;
  const payload = input.withPayload === false ? Prisma.empty : Prisma.sql`o."input", o."output", o."metadata",`;
  const direction = desc ? Prisma.sql`DESC` : Prisma.sql`ASC`;
  return prisma.$queryRaw<PublicObservationRow[]>`
    SELECT o."id", o."traceId", o."parentObservationId", o."type", o."name", o."startTime", o."endTime",
      o."completionStartTime", o."level", o."statusMessage", o."version", o."environment", o."model",
      o."modelParameters", ${payload} o."promptName", o."promptVersion", ${PROMPT_ID} AS "promptId", o."usageDetails", o."costDetails",
      o."totalCost"::float8 AS "totalCost", o."matchedModelId", o."pricingTierName", o."createdAt", o."updatedAt",
      t."userId", t."sessionId", t."name" AS "traceName", t."tags" AS "traceTags", t."release" AS "traceRelease"
    ${FROM}
    WHERE ${whereAll([whereObservations(input.projectId, input.filter), after])}
    ORDER BY o."startTime" ${direction}, o."id" ${direction}
    LIMIT ${input.limit} OFFSET ${input.offset ?? 0}`;
}

export async function countObservations(projectId: string, filter: ObservationFilter): Promise<number> {
  const [row] = await prisma.$queryRaw<{ count: number }[]>`
    SELECT count(*)::int AS count ${FROM} WHERE ${whereObservations(projectId, filter)}`;
  return row?.count ?? 0;
}

export async function findObservationById(projectId: string, id: string): Promise<PublicObservationRow | null> {
  const [row] = await findObservations({ projectId, filter: { ids: [id] }, limit: 1 });
  return row ?? null;
}
