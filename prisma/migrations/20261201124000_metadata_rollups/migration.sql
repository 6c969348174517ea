-- Metadata rollups: for each metadata key a project registered (a dashboard widget grouped by
-- `metadata.<key>`, MetricRollupMetadataKey), every observation contributes once under the key's
-- value as text (NULL when absent, as `metadata ->> key` reads), per project × hour (and day) ×
-- environment, type, name, level, model, with the observation rollup's sums. Same trigger/delta
-- scheme as metric_rollups; the cost per written observation is one delta row per registered key.

CREATE TABLE "MetricRollupMetadataKey" (
  "projectId" text NOT NULL,
  "key" text NOT NULL,
  "createdAt" timestamp(3) NOT NULL DEFAULT now(),
  -- Set when the key's rollup has been built from the rows already stored; the planner uses it only then.
  "readyAt" timestamp(3),
  PRIMARY KEY ("projectId", "key")
);

CREATE TABLE "ObservationMetadataRollupDelta" (
  "projectId" text NOT NULL,
  "hour" timestamp(3) NOT NULL,
  "key" text NOT NULL,
  "value" text,
  "environment" text NOT NULL,
  "type" text NOT NULL,
  "name" text,
  "level" text NOT NULL,
  "model" text,
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
CREATE INDEX "ObservationMetadataRollupDelta_projectId_hour_idx" ON "ObservationMetadataRollupDelta" ("projectId", "hour");

CREATE TABLE "ObservationMetadataRollup" (
  "projectId" text NOT NULL,
  "grain" text NOT NULL CHECK ("grain" IN ('hour', 'day')),
  "bucket" timestamp(3) NOT NULL,
  "key" text NOT NULL,
  "value" text,
  "environment" text NOT NULL,
  "type" text NOT NULL,
  "name" text,
  "level" text NOT NULL,
  "model" text,
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
-- "key" first after the project: every read is for one key.
CREATE UNIQUE INDEX "ObservationMetadataRollup_key" ON "ObservationMetadataRollup"
  ("projectId", "key", "grain", "bucket", "value", "environment", "type", "name", "level", "model") NULLS NOT DISTINCT;

CREATE FUNCTION loupe_observation_metadata_contribution(o "Observation", sign int2) RETURNS SETOF "ObservationMetadataRollupDelta"
LANGUAGE sql STABLE AS $$
  SELECT o."projectId", date_trunc('hour', o."startTime"), k."key", o."metadata" ->> k."key", o."environment", o."type", o."name",
    o."level", o."model", sign,
    EXTRACT(EPOCH FROM (o."endTime" - o."startTime")) * 1000,
    EXTRACT(EPOCH FROM (o."completionStartTime" - o."startTime")) * 1000,
    o."inputTokens", o."outputTokens", o."totalTokens", o."totalCost",
    CASE WHEN jsonb_typeof(o."costDetails" -> 'input') = 'number' THEN (o."costDetails" ->> 'input')::numeric END,
    CASE WHEN jsonb_typeof(o."costDetails" -> 'output') = 'number' THEN (o."costDetails" ->> 'output')::numeric END
  FROM "MetricRollupMetadataKey" k WHERE k."projectId" = o."projectId"
$$;

CREATE FUNCTION loupe_observation_metadata_rollup_delta() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Most projects register no key: one probe of the (projectId, key) primary key per statement.
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "ObservationMetadataRollupDelta"
    SELECT c.* FROM new_rows n, loupe_observation_metadata_contribution(n, 1::int2) c;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO "ObservationMetadataRollupDelta"
    SELECT c.* FROM old_rows o, loupe_observation_metadata_contribution(o, -1::int2) c;
  ELSE
    INSERT INTO "ObservationMetadataRollupDelta"
    SELECT c.* FROM old_rows o JOIN new_rows n ON n."projectId" = o."projectId" AND n."id" = o."id",
      LATERAL (SELECT * FROM loupe_observation_metadata_contribution(o, -1::int2)
               UNION ALL SELECT * FROM loupe_observation_metadata_contribution(n, 1::int2)) c
    WHERE (o."startTime", o."endTime", o."completionStartTime", o."environment", o."type", o."name", o."level", o."model",
           o."inputTokens", o."outputTokens", o."totalTokens", o."totalCost", o."costDetails" -> 'input', o."costDetails" -> 'output',
           o."metadata")
      IS DISTINCT FROM
          (n."startTime", n."endTime", n."completionStartTime", n."environment", n."type", n."name", n."level", n."model",
           n."inputTokens", n."outputTokens", n."totalTokens", n."totalCost", n."costDetails" -> 'input', n."costDetails" -> 'output',
           n."metadata");
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "Observation_metadata_rollup_insert" AFTER INSERT ON "Observation"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION loupe_observation_metadata_rollup_delta();
CREATE TRIGGER "Observation_metadata_rollup_update" AFTER UPDATE ON "Observation"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION loupe_observation_metadata_rollup_delta();
CREATE TRIGGER "Observation_metadata_rollup_delete" AFTER DELETE ON "Observation"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION loupe_observation_metadata_rollup_delta();
