-- Trace group totals: per project × user (or session) × environment, the all-time sums of the trace
-- group rollup and the hours of its first and last trace, plus one row over every environment
-- ("allEnvironments", environment ''). The "top users / sessions by cost" panels read them in cost order (the cost
-- index): a group whose every trace lies inside the window has its window sums right here, without
-- aggregating one row per group and day (packages/db/src/analytics/rollups/plan.ts, topGroups).
-- Folded by the worker's compaction from the same deltas as "TraceGroupRollup", in the same statement.
--
-- "firstHour"/"lastHour" only widen (a deleted trace does not narrow them): a wider span is still a
-- safe answer to "is every trace inside the window?". The read also bounds a window's cost by the
-- all-time cost, which holds because costs are never negative (prices and provided costs are refused
-- or dropped when negative: ZPrice, normalizeProvidedCost).

CREATE TABLE "TraceGroupTotal" (
  "projectId" text NOT NULL,
  "kind" text NOT NULL CHECK ("kind" IN ('userId', 'sessionId')),
  "value" text,
  -- One row per environment, and one over all of them (true, with environment ''): a column, not a NULL
  -- environment, so that the read's conditions are equalities and the cost index gives the order.
  "allEnvironments" boolean NOT NULL,
  "environment" text NOT NULL,
  "firstHour" timestamp(3) NOT NULL,
  "lastHour" timestamp(3) NOT NULL,
  "count" int8 NOT NULL,
  "observationCountN" int8 NOT NULL, "observationCountSum" numeric NOT NULL,
  "latencyN" int8 NOT NULL, "latencySum" numeric NOT NULL,
  "inputTokensN" int8 NOT NULL, "inputTokensSum" numeric NOT NULL,
  "outputTokensN" int8 NOT NULL, "outputTokensSum" numeric NOT NULL,
  "totalTokensN" int8 NOT NULL, "totalTokensSum" numeric NOT NULL,
  "totalCostN" int8 NOT NULL, "totalCostSum" numeric NOT NULL
);
CREATE UNIQUE INDEX "TraceGroupTotal_key" ON "TraceGroupTotal" ("projectId", "kind", "allEnvironments", "environment", "value") NULLS NOT DISTINCT;
-- The read: groups of one kind and environment in cost order.
CREATE INDEX "TraceGroupTotal_cost_idx" ON "TraceGroupTotal" ("projectId", "kind", "allEnvironments", "environment", "totalCostSum" DESC);

-- From the daily rollup rows (kept for good; pending deltas are folded later, as for the rollup): the
-- span of a day row is its whole day, a safe widening.
INSERT INTO "TraceGroupTotal"
SELECT r."projectId", r."kind", r."value", e."allEnvironments", e."environment", min(r."bucket"), max(r."bucket") + interval '23 hours',
  sum(r."count"), sum(r."observationCountN"), sum(r."observationCountSum"), sum(r."latencyN"), sum(r."latencySum"),
  sum(r."inputTokensN"), sum(r."inputTokensSum"), sum(r."outputTokensN"), sum(r."outputTokensSum"),
  sum(r."totalTokensN"), sum(r."totalTokensSum"), sum(r."totalCostN"), sum(r."totalCostSum")
FROM "TraceGroupRollup" r CROSS JOIN LATERAL (VALUES (false, r."environment"), (true, '')) e("allEnvironments", "environment")
WHERE r."grain" = 'day' AND r."kind" IN ('userId', 'sessionId')
GROUP BY r."projectId", r."kind", r."value", e."allEnvironments", e."environment";

