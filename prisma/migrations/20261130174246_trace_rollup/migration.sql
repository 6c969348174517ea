-- AlterTable
ALTER TABLE "Trace" ADD COLUMN     "inputTokens" INTEGER,
ADD COLUMN     "latencyMs" DOUBLE PRECISION,
ADD COLUMN     "level" TEXT NOT NULL DEFAULT 'DEFAULT',
ADD COLUMN     "observationCount" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "outputTokens" INTEGER,
ADD COLUMN     "totalCost" DECIMAL(20,12),
ADD COLUMN     "totalTokens" INTEGER;

-- Backfill from the observations (the worker keeps it current from now on; same expressions as
-- refreshTraceRollups in packages/db/src/repositories/traces.ts).
UPDATE "Trace" t SET
  "observationCount" = a.observation_count,
  "latencyMs" = a.latency_ms,
  "totalCost" = a.total_cost,
  "inputTokens" = a.input_tokens,
  "outputTokens" = a.output_tokens,
  "totalTokens" = a.total_tokens,
  "level" = a.level
FROM (
  SELECT o."projectId", o."traceId", count(*)::int AS observation_count,
    (EXTRACT(EPOCH FROM (max(COALESCE(o."endTime", o."startTime")) - min(o."startTime"))) * 1000)::float8 AS latency_ms,
    sum(o."totalCost") AS total_cost,
    sum(o."inputTokens")::int AS input_tokens,
    sum(o."outputTokens")::int AS output_tokens,
    sum(o."totalTokens")::int AS total_tokens,
    COALESCE((ARRAY['DEBUG','DEFAULT','WARNING','ERROR'])[max(array_position(ARRAY['DEBUG','DEFAULT','WARNING','ERROR'], o."level"))], 'DEFAULT') AS level
  FROM "Observation" o
  GROUP BY o."projectId", o."traceId"
) a
WHERE t."projectId" = a."projectId" AND t."id" = a."traceId";

-- The traces table sorts by these with NULLS LAST (traces without observations last).
CREATE INDEX "Trace_projectId_totalCost_idx" ON "Trace" ("projectId", "totalCost" DESC NULLS LAST);
CREATE INDEX "Trace_projectId_latencyMs_idx" ON "Trace" ("projectId", "latencyMs" DESC NULLS LAST);
CREATE INDEX "Trace_projectId_totalTokens_idx" ON "Trace" ("projectId", "totalTokens" DESC NULLS LAST);
