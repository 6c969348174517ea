import { Prisma } from "../../generated/prisma/client.ts";

// The rollups the migration `metric_rollups` creates: per rolled view, its tables, its key columns
// (and which metrics-view dimension each one answers), its summed values and its histograms. The
// compaction, the backfill and the query planner are all written from this one description.

export type RollupValue = {
  /** Column prefix in the rollup table (`<prefix>N`, `<prefix>Sum`). */
  prefix: string;
  /** Column of the delta table (and of the contribution function's result). */
  delta: string;
  /** The histogram (`measure` column of the histogram table) percentiles of this value come from. */
  histogram?: string;
};

export type RollupDefinition = {
  table: string;
  delta: string;
  /** Where the histogram slots of the `histogram` values are kept (none without such values). */
  histogramTable?: string;
  /** Key columns, in the unique index's order. */
  keys: readonly string[];
  /** Metrics-view dimension → key column. */
  dimensions: Record<string, string>;
  /** Metrics-view measure → summed value. `count` is the row count, `error` counts level ERROR. */
  values: Record<string, RollupValue>;
  /** Every current row's contribution (sign +1), for the backfill: `c` rows of the delta table's shape. */
  contributions: (projectId: string) => Prisma.Sql;
  /**
   * High-cardinality keys: hourly rows are kept this long only (the compaction prunes older ones), and
   * the planner reads partial days older than `hourlyReadHours` from `contributionsBetween` instead.
   */
  hourlyRetention?: {
    pruneAfterHours: number;
    readHours: number;
    /** `kind`: the one kind a query reads, when the rollup has kinds (null: every kind). */
    contributionsBetween: (projectId: string, from: Date, to: Date, kind: string | null) => Prisma.Sql;
  };
  /** Metrics-view dimensions answered by the `value` key, the `kind` key naming which (one per query). */
  kinds?: readonly string[];
  /**
   * All-time sums per kind × value × environment (and over every environment: `allEnvironments`) with
   * the hours of the first and last contribution, folded with the rollup (migration trace_group_totals):
   * the top-N by cost reads them in cost order (plan.ts, topGroupsByCost).
   */
  totals?: { table: string; kinds: readonly string[] };
};

const sql = Prisma.sql;

export const OBSERVATION_ROLLUP: RollupDefinition = {
  table: "ObservationRollup",
  delta: "ObservationRollupDelta",
  histogramTable: "ObservationRollupHistogram",
  keys: ["environment", "type", "name", "level", "model", "promptName", "promptVersion"],
  dimensions: {
    environment: "environment",
    type: "type",
    name: "name",
    level: "level",
    providedModelName: "model",
    model: "model",
    promptName: "promptName",
    promptVersion: "promptVersion",
  },
  values: {
    latency: { prefix: "latency", delta: "latencyMs", histogram: "latency" },
    timeToFirstToken: { prefix: "ttft", delta: "ttftMs", histogram: "ttft" },
    inputTokens: { prefix: "inputTokens", delta: "inputTokens" },
    outputTokens: { prefix: "outputTokens", delta: "outputTokens" },
    totalTokens: { prefix: "totalTokens", delta: "totalTokens" },
    totalCost: { prefix: "totalCost", delta: "totalCost" },
    inputCost: { prefix: "inputCost", delta: "inputCost" },
    outputCost: { prefix: "outputCost", delta: "outputCost" },
  },
  contributions: (projectId) =>
    sql`SELECT c.* FROM "Observation" o, loupe_observation_contribution(o, 1::int2) c WHERE o."projectId" = ${projectId}`,
};

export const TRACE_ROLLUP: RollupDefinition = {
  table: "TraceRollup",
  delta: "TraceRollupDelta",
  histogramTable: "TraceRollupHistogram",
  keys: ["environment", "name", "release", "version", "level"],
  dimensions: { environment: "environment", name: "name", release: "release", version: "version", level: "level" },
  values: {
    observationsCount: { prefix: "observationCount", delta: "observationCount" },
    latency: { prefix: "latency", delta: "latencyMs", histogram: "latency" },
    inputTokens: { prefix: "inputTokens", delta: "inputTokens" },
    outputTokens: { prefix: "outputTokens", delta: "outputTokens" },
    totalTokens: { prefix: "totalTokens", delta: "totalTokens" },
    totalCost: { prefix: "totalCost", delta: "totalCost" },
  },
  contributions: (projectId) => sql`SELECT c.* FROM "Trace" t, loupe_trace_contribution(t, 1::int2) c WHERE t."projectId" = ${projectId}`,
};

/**
 * Per registered metadata key (MetricRollupMetadataKey), every observation once under the key's value:
 * a widget grouped by `metadata.<key>` reads this instead of every row's JSON. No histograms.
 */
export const METADATA_ROLLUP: RollupDefinition = {
  table: "ObservationMetadataRollup",
  delta: "ObservationMetadataRollupDelta",
  keys: ["key", "value", "environment", "type", "name", "level", "model"],
  dimensions: { environment: "environment", type: "type", name: "name", level: "level", providedModelName: "model", model: "model" },
  values: Object.fromEntries(Object.entries(OBSERVATION_ROLLUP.values).map(([name, v]) => [name, { prefix: v.prefix, delta: v.delta }])),
  contributions: (projectId) =>
    sql`SELECT c.* FROM "Observation" o, loupe_observation_metadata_contribution(o, 1::int2) c WHERE o."projectId" = ${projectId}`,
};

/** At most this many metadata keys per project are rolled up: each costs one delta row per written observation. */
export const MAX_ROLLED_METADATA_KEYS = 20;

/** One rollup for the three score views; each view's planner adds its `dataType` condition. */
export const SCORE_ROLLUP: RollupDefinition = {
  table: "ScoreRollup",
  delta: "ScoreRollupDelta",
  keys: ["environment", "name", "source", "dataType", "stringValue"],
  dimensions: { environment: "environment", name: "name", source: "source", dataType: "dataType", stringValue: "stringValue" },
  values: { value: { prefix: "value", delta: "value" } },
  contributions: (projectId) => sql`SELECT c.* FROM "Score" s, loupe_score_contribution(s, 1::int2) c WHERE s."projectId" = ${projectId}`,
};

/**
 * Traces per user, session and tag (`kind` names which, `value` is it): the "top … by cost" panels.
 * Users and sessions make one row per entity and hour, so hourly rows live 3 days; whole days read
 * daily rows, older partial days the traces themselves (their contributions, from the same function).
 */
export const TRACE_GROUP_ROLLUP: RollupDefinition = {
  table: "TraceGroupRollup",
  delta: "TraceGroupRollupDelta",
  keys: ["kind", "value", "environment"],
  dimensions: { environment: "environment" },
  kinds: ["userId", "sessionId", "tag"],
  totals: { table: "TraceGroupTotal", kinds: ["userId", "sessionId"] },
  values: Object.fromEntries(Object.entries(TRACE_ROLLUP.values).map(([name, v]) => [name, { prefix: v.prefix, delta: v.delta }])),
  contributions: (projectId) =>
    sql`SELECT c.* FROM "Trace" t, loupe_trace_group_contribution(t, 1::int2) c WHERE t."projectId" = ${projectId}`,
  hourlyRetention: {
    // A day of margin between what the planner reads and what the compaction deletes (clock skew, slow queries).
    pruneAfterHours: 72,
    readHours: 48,
    // A user or session is a column: read it directly (a filter on it then reaches the traces' indexes).
    contributionsBetween: (projectId, from, to, kind) =>
      kind === "userId" || kind === "sessionId"
        ? sql`SELECT t."projectId", date_trunc('hour', t."timestamp") AS "hour", ${kind}::text AS "kind", t.${ident(kind)} AS "value",
            t."environment", 1::int2 AS "sign", t."observationCount", t."latencyMs"::numeric AS "latencyMs", t."inputTokens",
            t."outputTokens", t."totalTokens", t."totalCost"
          FROM "Trace" t WHERE t."projectId" = ${projectId} AND t."timestamp" >= ${from} AND t."timestamp" < ${to}`
        : sql`SELECT c.* FROM "Trace" t, loupe_trace_group_contribution(t, 1::int2) c
          WHERE t."projectId" = ${projectId} AND t."timestamp" >= ${from} AND t."timestamp" < ${to}`,
  },
};

export const ROLLUPS = [OBSERVATION_ROLLUP, TRACE_ROLLUP, SCORE_ROLLUP, METADATA_ROLLUP, TRACE_GROUP_ROLLUP] as const;

/** Histogram slot s holds durations in [GAMMA^s, GAMMA^(s+1)) ms (loupe_ms_slot in the migration); slot -1 holds < 1 ms. */
export const HISTOGRAM_GAMMA = 1.05;

/** The value a slot stands for: the geometric middle of its range, within ±2.5 % of every value in it. */
export function slotValue(slot: number): number {
  return slot < 0 ? 0 : HISTOGRAM_GAMMA ** (slot + 0.5);
}

export const ident = (name: string) => Prisma.raw(`"${name}"`);
