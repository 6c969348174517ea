import type { TExperimentFilterCondition } from "@loupe/contracts";
import { prisma } from "../client.ts";
import { Prisma } from "../generated/prisma/client.ts";
import { anyOfIf, timeRange, whereAll } from "./sql.ts";

// Experiments as the public API reads them (GET /api/public/experiments, /experiment-items): an
// experiment is a dataset run, an item one of its run items. An item's time is its linked observation's
// start, else its trace's timestamp, else when it was linked (a trace still in ingestion).

const ITEM_START = Prisma.sql`COALESCE(o."startTime", t."timestamp", ri."createdAt")`;
const ITEM_END = Prisma.sql`COALESCE(o."endTime", t."timestamp" + make_interval(secs => t."latencyMs" / 1000.0))`;
const ITEM_JOINS = Prisma.sql`
  FROM "DatasetRunItem" ri
  JOIN "DatasetRun" r ON r.id = ri."datasetRunId"
  LEFT JOIN "Trace" t ON t."projectId" = ri."projectId" AND t.id = ri."traceId"
  LEFT JOIN "Observation" o ON ri."observationId" IS NOT NULL AND o."projectId" = ri."projectId" AND o.id = ri."observationId"`;

/** Whitelisted filter columns → their SQL (names never come from the request). */
const EXPERIMENT_FILTER_SQL = { id: Prisma.sql`r.id`, name: Prisma.sql`r.name`, datasetId: Prisma.sql`r."datasetId"` } as const;
const EXPERIMENT_ITEM_FILTER_SQL = {
  experimentId: Prisma.sql`r.id`,
  experimentName: Prisma.sql`r.name`,
  experimentItemId: Prisma.sql`ri."datasetItemId"`,
  datasetId: Prisma.sql`r."datasetId"`,
} as const;

function conditionSql(columns: Record<string, Prisma.Sql>, c: TExperimentFilterCondition): Prisma.Sql {
  const column = columns[c.column];
  if (!column) throw new Error(`unknown filter column ${c.column}`);
  const v = c.value;
  switch (c.operator) {
    case "any of":
      return Prisma.sql`${column} = ANY(${v as string[]}::text[])`;
    case "none of":
      return Prisma.sql`NOT (${column} = ANY(${v as string[]}::text[]))`;
    case "=":
      return Prisma.sql`${column} = ${v as string}`;
    case "contains":
      return Prisma.sql`strpos(${column}, ${v as string}) > 0`;
    case "does not contain":
      return Prisma.sql`strpos(${column}, ${v as string}) = 0`;
    case "starts with":
      return Prisma.sql`left(${column}, length(${v as string})) = ${v as string}`;
    case "ends with":
      return Prisma.sql`right(${column}, length(${v as string})) = ${v as string}`;
  }
}

export type TimeKeyset = { time: Date; id: string };

export type ExperimentSummaryRow = {
  id: string;
  name: string;
  description: string | null;
  datasetId: string;
  metadata: unknown;
  startTime: Date;
  endTime: Date;
  lastActivity: Date;
  itemCount: number;
};

/** Runs with items started in [from, to), by latest item start (then id) descending, after the keyset. */
export async function findExperimentSummaries(
  projectId: string,
  input: {
    from: string;
    to: string | undefined;
    ids?: string[];
    names?: string[];
    datasetIds?: string[];
    filter?: TExperimentFilterCondition[];
    after?: TimeKeyset;
    limit: number;
  },
): Promise<ExperimentSummaryRow[]> {
  const where = whereAll([
    Prisma.sql`ri."projectId" = ${projectId}`,
    ...timeRange(ITEM_START, input.from, input.to),
    anyOfIf(Prisma.sql`r.id`, input.ids),
    anyOfIf(Prisma.sql`r.name`, input.names),
    anyOfIf(Prisma.sql`r."datasetId"`, input.datasetIds),
    ...(input.filter ?? []).map((c) => conditionSql(EXPERIMENT_FILTER_SQL, c)),
  ]);
  const after = input.after ? Prisma.sql`HAVING (max(${ITEM_START}), r.id) < (${input.after.time}, ${input.after.id})` : Prisma.empty;
  return prisma.$queryRaw<ExperimentSummaryRow[]>`
    SELECT r.id, r.name, r.description, r."datasetId", r.metadata,
      min(${ITEM_START}) AS "startTime",
      GREATEST(max(${ITEM_START}), max(${ITEM_END})) AS "endTime",
      max(${ITEM_START}) AS "lastActivity",
      count(*)::int AS "itemCount"
    ${ITEM_JOINS}
    WHERE ${where}
    GROUP BY r.id
    ${after}
    ORDER BY max(${ITEM_START}) DESC, r.id DESC
    LIMIT ${input.limit}`;
}

export type ExperimentItemReadRow = {
  id: string;
  traceId: string;
  experimentId: string;
  experimentName: string;
  experimentItemId: string;
  datasetId: string;
  startTime: Date;
  endTime: Date | null;
  level: string;
  environment: string;
  itemVersionAt: Date | null;
  input?: unknown;
  output?: unknown;
  expectedOutput?: unknown;
  metadata?: unknown;
  itemMetadata?: unknown;
  experimentMetadata?: unknown;
  experimentDescription?: string | null;
};

/** Run items started in [from, to), newest first (then id), after the keyset; payload columns only when asked for. */
export async function findExperimentItemRows(
  projectId: string,
  input: {
    from: string;
    to: string | undefined;
    experimentIds?: string[];
    experimentNames?: string[];
    itemIds?: string[];
    datasetIds?: string[];
    filter?: TExperimentFilterCondition[];
    after?: TimeKeyset;
    limit: number;
    io: boolean;
    metadata: boolean;
    itemMetadata: boolean;
    experimentMetadata: boolean;
  },
): Promise<ExperimentItemReadRow[]> {
  const where = whereAll([
    Prisma.sql`ri."projectId" = ${projectId}`,
    ...timeRange(ITEM_START, input.from, input.to),
    anyOfIf(Prisma.sql`r.id`, input.experimentIds),
    anyOfIf(Prisma.sql`r.name`, input.experimentNames),
    anyOfIf(Prisma.sql`ri."datasetItemId"`, input.itemIds),
    anyOfIf(Prisma.sql`r."datasetId"`, input.datasetIds),
    ...(input.filter ?? []).map((c) => conditionSql(EXPERIMENT_ITEM_FILTER_SQL, c)),
    input.after ? Prisma.sql`(${ITEM_START}, ri.id) < (${input.after.time}, ${input.after.id})` : undefined,
  ]);
  const optional = [
    input.io
      ? Prisma.sql`COALESCE(o.input, t.input) AS input, COALESCE(o.output, t.output) AS output, v."expectedOutput" AS "expectedOutput"`
      : undefined,
    input.metadata ? Prisma.sql`COALESCE(o.metadata, t.metadata) AS metadata` : undefined,
    input.itemMetadata ? Prisma.sql`v.metadata AS "itemMetadata"` : undefined,
    input.experimentMetadata ? Prisma.sql`r.metadata AS "experimentMetadata", r.description AS "experimentDescription"` : undefined,
  ].filter((s): s is Prisma.Sql => s !== undefined);
  return prisma.$queryRaw<ExperimentItemReadRow[]>`
    SELECT ri.id, ri."traceId", r.id AS "experimentId", r.name AS "experimentName", ri."datasetItemId" AS "experimentItemId",
      r."datasetId", ${ITEM_START} AS "startTime", ${ITEM_END} AS "endTime",
      COALESCE(o.level, t.level, 'DEFAULT') AS level, COALESCE(o.environment, t.environment, 'default') AS environment,
      v."validFrom" AS "itemVersionAt"
      ${optional.length > 0 ? Prisma.sql`, ${Prisma.join(optional, ", ")}` : Prisma.empty}
    ${ITEM_JOINS}
    LEFT JOIN "DatasetItemVersion" v
      ON v."projectId" = ri."projectId" AND v."itemId" = ri."datasetItemId" AND v.version = ri."datasetItemVersion"
    WHERE ${where}
    ORDER BY ${ITEM_START} DESC, ri.id DESC
    LIMIT ${input.limit}`;
}
