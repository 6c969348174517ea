-- Metric rollups (docs/architecture.md "Metric rollups"; packages/db/src/analytics/rollups/).
-- Hand-written: the tables are kept by triggers and read through raw SQL only, so they are not Prisma
-- models. Exactness: a rollup holds, per key, the sum of every current row's contribution. Row triggers
-- cannot run out of step with the rows: each INSERT/UPDATE/DELETE of "Observation"/"Trace" appends its
-- rows' contributions (+1 for the new version, -1 for the old) to an append-only delta table in the
-- same transaction, whatever code wrote the rows (the merge, deletes, retention, a backfill). The
-- worker folds the deltas into the rollups right after each merge; queries read rollup + pending
-- deltas, so a delta not yet folded is still counted.

-- The histogram slot of a duration in ms: slot s covers [1.05^s, 1.05^(s+1)) ms; -1 holds < 1 ms.
CREATE FUNCTION loupe_ms_slot(ms numeric) RETURNS int LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN ms IS NULL THEN NULL WHEN ms < 1 THEN -1 ELSE floor(ln(ms) / ln(1.05))::int END
$$;

-- ---------------------------------------------------------------------------------------------
-- Observations: per project × hour (and day) × environment, type, name, level, model, prompt.

CREATE TABLE "ObservationRollupDelta" (
  "projectId" text NOT NULL,
  "hour" timestamp(3) NOT NULL,
  "environment" text NOT NULL,
  "type" text NOT NULL,
  "name" text,
  "level" text NOT NULL,
  "model" text,
  "promptName" text,
  "promptVersion" int,
  "sign" int2 NOT NULL,
  "latencyMs" numeric,
  "ttftMs" numeric,
  "inputTokens" int8,
  "outputTokens" int8,
  "totalTokens" int8,
  "totalCost" numeric,
  "inputCost" numeric,
  "outputCost" numeric
);
CREATE INDEX "ObservationRollupDelta_projectId_hour_idx" ON "ObservationRollupDelta" ("projectId", "hour");

CREATE TABLE "ObservationRollup" (
  "projectId" text NOT NULL,
  "grain" text NOT NULL CHECK ("grain" IN ('hour', 'day')),
  "bucket" timestamp(3) NOT NULL,
  "environment" text NOT NULL,
  "type" text NOT NULL,
  "name" text,
  "level" text NOT NULL,
  "model" text,
  "promptName" text,
  "promptVersion" int,
  "count" int8 NOT NULL,
  "latencyN" int8 NOT NULL, "latencySum" numeric NOT NULL,
  "ttftN" int8 NOT NULL, "ttftSum" numeric NOT NULL,
  "inputTokensN" int8 NOT NULL, "inputTokensSum" numeric NOT NULL,
  "outputTokensN" int8 NOT NULL, "outputTokensSum" numeric NOT NULL,
  "totalTokensN" int8 NOT NULL, "totalTokensSum" numeric NOT NULL,
  "totalCostN" int8 NOT NULL, "totalCostSum" numeric NOT NULL,
  "inputCostN" int8 NOT NULL, "inputCostSum" numeric NOT NULL,
  "outputCostN" int8 NOT NULL, "outputCostSum" numeric NOT NULL
);
CREATE UNIQUE INDEX "ObservationRollup_key" ON "ObservationRollup"
  ("projectId", "grain", "bucket", "environment", "type", "name", "level", "model", "promptName", "promptVersion") NULLS NOT DISTINCT;

CREATE TABLE "ObservationRollupHistogram" (
  "projectId" text NOT NULL,
  "grain" text NOT NULL CHECK ("grain" IN ('hour', 'day')),
  "bucket" timestamp(3) NOT NULL,
  "environment" text NOT NULL,
  "type" text NOT NULL,
  "name" text,
  "level" text NOT NULL,
  "model" text,
  "promptName" text,
  "promptVersion" int,
  "measure" text NOT NULL CHECK ("measure" IN ('latency', 'ttft')),
  "slot" int NOT NULL,
  "n" int8 NOT NULL
);
CREATE UNIQUE INDEX "ObservationRollupHistogram_key" ON "ObservationRollupHistogram"
  ("projectId", "measure", "grain", "bucket", "environment", "type", "name", "level", "model", "promptName", "promptVersion", "slot") NULLS NOT DISTINCT;

-- One observation's contribution (`sign` +1 or -1), in the delta table's column order.
CREATE FUNCTION loupe_observation_contribution(o "Observation", sign int2) RETURNS SETOF "ObservationRollupDelta"
LANGUAGE sql STABLE AS $$
  SELECT o."projectId", date_trunc('hour', o."startTime"), o."environment", o."type", o."name", o."level", o."model",
    o."promptName", o."promptVersion", sign,
    EXTRACT(EPOCH FROM (o."endTime" - o."startTime")) * 1000,
    EXTRACT(EPOCH FROM (o."completionStartTime" - o."startTime")) * 1000,
    o."inputTokens", o."outputTokens", o."totalTokens", o."totalCost",
    CASE WHEN jsonb_typeof(o."costDetails" -> 'input') = 'number' THEN (o."costDetails" ->> 'input')::numeric END,
    CASE WHEN jsonb_typeof(o."costDetails" -> 'output') = 'number' THEN (o."costDetails" ->> 'output')::numeric END
$$;

CREATE FUNCTION loupe_observation_rollup_delta() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "ObservationRollupDelta" SELECT c.* FROM new_rows n, loupe_observation_contribution(n, 1::int2) c;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO "ObservationRollupDelta" SELECT c.* FROM old_rows o, loupe_observation_contribution(o, -1::int2) c;
  ELSE
    -- Only rows whose contribution changed: a retried or replayed batch, or an update of the payload
    -- alone, writes no delta.
    INSERT INTO "ObservationRollupDelta"
    SELECT c.* FROM old_rows o JOIN new_rows n ON n."projectId" = o."projectId" AND n."id" = o."id",
      LATERAL (SELECT * FROM loupe_observation_contribution(o, -1::int2) UNION ALL SELECT * FROM loupe_observation_contribution(n, 1::int2)) c
    WHERE (o."startTime", o."endTime", o."completionStartTime", o."environment", o."type", o."name", o."level", o."model",
           o."promptName", o."promptVersion", o."inputTokens", o."outputTokens", o."totalTokens", o."totalCost",
           o."costDetails" -> 'input', o."costDetails" -> 'output')
      IS DISTINCT FROM
          (n."startTime", n."endTime", n."completionStartTime", n."environment", n."type", n."name", n."level", n."model",
           n."promptName", n."promptVersion", n."inputTokens", n."outputTokens", n."totalTokens", n."totalCost",
           n."costDetails" -> 'input', n."costDetails" -> 'output');
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "Observation_rollup_insert" AFTER INSERT ON "Observation"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION loupe_observation_rollup_delta();
CREATE TRIGGER "Observation_rollup_update" AFTER UPDATE ON "Observation"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION loupe_observation_rollup_delta();
CREATE TRIGGER "Observation_rollup_delete" AFTER DELETE ON "Observation"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION loupe_observation_rollup_delta();

-- ---------------------------------------------------------------------------------------------
-- Traces: per project × hour (and day) × environment, name, release, version, level (null without observations).

CREATE TABLE "TraceRollupDelta" (
  "projectId" text NOT NULL,
  "hour" timestamp(3) NOT NULL,
  "environment" text NOT NULL,
  "name" text,
  "release" text,
  "version" text,
  "level" text,
  "sign" int2 NOT NULL,
  "observationCount" int8 NOT NULL,
  "latencyMs" numeric,
  "inputTokens" int8,
  "outputTokens" int8,
  "totalTokens" int8,
  "totalCost" numeric
);
CREATE INDEX "TraceRollupDelta_projectId_hour_idx" ON "TraceRollupDelta" ("projectId", "hour");

CREATE TABLE "TraceRollup" (
  "projectId" text NOT NULL,
  "grain" text NOT NULL CHECK ("grain" IN ('hour', 'day')),
  "bucket" timestamp(3) NOT NULL,
  "environment" text NOT NULL,
  "name" text,
  "release" text,
  "version" text,
  "level" text,
  "count" int8 NOT NULL,
  "observationCountN" int8 NOT NULL, "observationCountSum" numeric NOT NULL,
  "latencyN" int8 NOT NULL, "latencySum" numeric NOT NULL,
  "inputTokensN" int8 NOT NULL, "inputTokensSum" numeric NOT NULL,
  "outputTokensN" int8 NOT NULL, "outputTokensSum" numeric NOT NULL,
  "totalTokensN" int8 NOT NULL, "totalTokensSum" numeric NOT NULL,
  "totalCostN" int8 NOT NULL, "totalCostSum" numeric NOT NULL
);
CREATE UNIQUE INDEX "TraceRollup_key" ON "TraceRollup"
  ("projectId", "grain", "bucket", "environment", "name", "release", "version", "level") NULLS NOT DISTINCT;

CREATE TABLE "TraceRollupHistogram" (
  "projectId" text NOT NULL,
  "grain" text NOT NULL CHECK ("grain" IN ('hour', 'day')),
  "bucket" timestamp(3) NOT NULL,
  "environment" text NOT NULL,
  "name" text,
  "release" text,
  "version" text,
  "level" text,
  "measure" text NOT NULL CHECK ("measure" IN ('latency')),
  "slot" int NOT NULL,
  "n" int8 NOT NULL
);
CREATE UNIQUE INDEX "TraceRollupHistogram_key" ON "TraceRollupHistogram"
  ("projectId", "measure", "grain", "bucket", "environment", "name", "release", "version", "level", "slot") NULLS NOT DISTINCT;

CREATE FUNCTION loupe_trace_contribution(t "Trace", sign int2) RETURNS SETOF "TraceRollupDelta"
LANGUAGE sql STABLE AS $$
  SELECT t."projectId", date_trunc('hour', t."timestamp"), t."environment", t."name", t."release", t."version",
    CASE WHEN t."observationCount" > 0 THEN t."level" END, sign, t."observationCount", t."latencyMs"::numeric,
    t."inputTokens", t."outputTokens", t."totalTokens", t."totalCost"
$$;

CREATE FUNCTION loupe_trace_rollup_delta() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "TraceRollupDelta" SELECT c.* FROM new_rows n, loupe_trace_contribution(n, 1::int2) c;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO "TraceRollupDelta" SELECT c.* FROM old_rows o, loupe_trace_contribution(o, -1::int2) c;
  ELSE
    INSERT INTO "TraceRollupDelta"
    SELECT c.* FROM old_rows o JOIN new_rows n ON n."projectId" = o."projectId" AND n."id" = o."id",
      LATERAL (SELECT * FROM loupe_trace_contribution(o, -1::int2) UNION ALL SELECT * FROM loupe_trace_contribution(n, 1::int2)) c
    WHERE (o."timestamp", o."environment", o."name", o."release", o."version", o."level", o."observationCount", o."latencyMs",
           o."inputTokens", o."outputTokens", o."totalTokens", o."totalCost")
      IS DISTINCT FROM
          (n."timestamp", n."environment", n."name", n."release", n."version", n."level", n."observationCount", n."latencyMs",
           n."inputTokens", n."outputTokens", n."totalTokens", n."totalCost");
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "Trace_rollup_insert" AFTER INSERT ON "Trace"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION loupe_trace_rollup_delta();
CREATE TRIGGER "Trace_rollup_update" AFTER UPDATE ON "Trace"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION loupe_trace_rollup_delta();
CREATE TRIGGER "Trace_rollup_delete" AFTER DELETE ON "Trace"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION loupe_trace_rollup_delta();

-- Projects whose rows predate the triggers: their rollups are incomplete until `npm run db:rollups:backfill`
-- removes them from this list, and the query planner reads raw rows for them until then.
CREATE TABLE "MetricRollupBackfill" ("projectId" text PRIMARY KEY, "createdAt" timestamp(3) NOT NULL DEFAULT now());
INSERT INTO "MetricRollupBackfill" ("projectId")
SELECT p."id" FROM "Project" p
WHERE EXISTS (SELECT 1 FROM "Trace" t WHERE t."projectId" = p."id") OR EXISTS (SELECT 1 FROM "Observation" o WHERE o."projectId" = p."id");
