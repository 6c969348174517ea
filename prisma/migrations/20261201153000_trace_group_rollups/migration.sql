-- Trace group rollups: the home dashboard's "top users / sessions / tags by cost" without scanning
-- traces (docs/architecture.md "Metric rollups"; packages/db/src/analytics/rollups/). Same trigger and
-- delta scheme as metric_rollups: every INSERT/UPDATE/DELETE of "Trace" appends its rows'
-- contributions (+1 new, -1 old) in the writing transaction, the worker folds them.
--
-- Each trace contributes one row under its userId, one under its sessionId and one per tag (one with
-- a NULL tag when it has none, as the `tag` dimension reads), per project × hour (and day) × environment.
-- Users and sessions are high-cardinality, so hourly rows are kept for the last 3 days only (the
-- compaction prunes older ones); daily rows are kept for good. A window's whole days come from daily
-- rows, its partial days from hourly rows when recent and from the traces themselves (through the same
-- contribution function) when older. Rows ≈ distinct (entity, day) pairs + 3 days of (entity, hour) pairs.

CREATE TABLE "TraceGroupRollupDelta" (
  "projectId" text NOT NULL,
  "hour" timestamp(3) NOT NULL,
  "kind" text NOT NULL,
  "value" text,
  "environment" text NOT NULL,
  "sign" int2 NOT NULL,
  "observationCount" int8 NOT NULL,
  "latencyMs" numeric,
  "inputTokens" int8,
  "outputTokens" int8,
  "totalTokens" int8,
  "totalCost" numeric
);
CREATE INDEX "TraceGroupRollupDelta_projectId_hour_idx" ON "TraceGroupRollupDelta" ("projectId", "hour");

CREATE TABLE "TraceGroupRollup" (
  "projectId" text NOT NULL,
  "grain" text NOT NULL CHECK ("grain" IN ('hour', 'day')),
  "bucket" timestamp(3) NOT NULL,
  -- The metrics-view dimension the value belongs to.
  "kind" text NOT NULL CHECK ("kind" IN ('userId', 'sessionId', 'tag')),
  "value" text,
  "environment" text NOT NULL,
  "count" int8 NOT NULL,
  "observationCountN" int8 NOT NULL, "observationCountSum" numeric NOT NULL,
  "latencyN" int8 NOT NULL, "latencySum" numeric NOT NULL,
  "inputTokensN" int8 NOT NULL, "inputTokensSum" numeric NOT NULL,
  "outputTokensN" int8 NOT NULL, "outputTokensSum" numeric NOT NULL,
  "totalTokensN" int8 NOT NULL, "totalTokensSum" numeric NOT NULL,
  "totalCostN" int8 NOT NULL, "totalCostSum" numeric NOT NULL
);
-- "kind" right after the project: every read and the pruning are for one kind and one grain.
CREATE UNIQUE INDEX "TraceGroupRollup_key" ON "TraceGroupRollup"
  ("projectId", "kind", "grain", "bucket", "value", "environment") NULLS NOT DISTINCT;

-- One row per kind and value, zipped by a multi-argument unnest (a UNION ALL over the whole-row
-- argument breaks the planner once the function is inlined into a lateral join).
CREATE FUNCTION loupe_trace_group_contribution(t "Trace", sign int2) RETURNS SETOF "TraceGroupRollupDelta"
LANGUAGE sql STABLE AS $$
  SELECT t."projectId", date_trunc('hour', t."timestamp"), g."kind", g."value", t."environment", sign, t."observationCount",
    t."latencyMs"::numeric, t."inputTokens", t."outputTokens", t."totalTokens", t."totalCost"
  FROM unnest(
    ARRAY['userId', 'sessionId'] || array_fill('tag'::text, ARRAY[GREATEST(cardinality(t."tags"), 1)]),
    ARRAY[t."userId", t."sessionId"] || CASE WHEN cardinality(t."tags") > 0 THEN t."tags" ELSE ARRAY[NULL]::text[] END
  ) AS g("kind", "value")
$$;

CREATE FUNCTION loupe_trace_group_rollup_delta() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "TraceGroupRollupDelta" SELECT c.* FROM new_rows n, loupe_trace_group_contribution(n, 1::int2) c;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO "TraceGroupRollupDelta" SELECT c.* FROM old_rows o, loupe_trace_group_contribution(o, -1::int2) c;
  ELSE
    -- Only rows whose contribution changed (a retried batch or a payload-only update writes nothing).
    INSERT INTO "TraceGroupRollupDelta"
    SELECT c.* FROM old_rows o JOIN new_rows n ON n."projectId" = o."projectId" AND n."id" = o."id",
      LATERAL (SELECT * FROM loupe_trace_group_contribution(o, -1::int2) UNION ALL SELECT * FROM loupe_trace_group_contribution(n, 1::int2)) c
    WHERE (o."timestamp", o."environment", o."userId", o."sessionId", o."tags", o."observationCount", o."latencyMs",
           o."inputTokens", o."outputTokens", o."totalTokens", o."totalCost")
      IS DISTINCT FROM
          (n."timestamp", n."environment", n."userId", n."sessionId", n."tags", n."observationCount", n."latencyMs",
           n."inputTokens", n."outputTokens", n."totalTokens", n."totalCost");
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "Trace_group_rollup_insert" AFTER INSERT ON "Trace"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION loupe_trace_group_rollup_delta();
CREATE TRIGGER "Trace_group_rollup_update" AFTER UPDATE ON "Trace"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION loupe_trace_group_rollup_delta();
CREATE TRIGGER "Trace_group_rollup_delete" AFTER DELETE ON "Trace"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION loupe_trace_group_rollup_delta();

-- Projects with traces stored before these triggers: the planner reads their raw rows (every
-- rollup, not only this one) until `npm run db:rollups:backfill` rebuilds them.
INSERT INTO "MetricRollupBackfill" ("projectId")
SELECT p."id" FROM "Project" p WHERE EXISTS (SELECT 1 FROM "Trace" t WHERE t."projectId" = p."id")
ON CONFLICT ("projectId") DO NOTHING;
