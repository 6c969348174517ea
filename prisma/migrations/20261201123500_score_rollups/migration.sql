-- Score rollups, the same scheme as metric_rollups: per project × hour (and day) × environment, name,
-- source, data type and string value (the category of categorical and boolean scores), with the
-- count and the sum of numeric values. Kept by triggers on "Score", folded by the worker.

CREATE TABLE "ScoreRollupDelta" (
  "projectId" text NOT NULL,
  "hour" timestamp(3) NOT NULL,
  "environment" text NOT NULL,
  "name" text NOT NULL,
  "source" text NOT NULL,
  "dataType" text NOT NULL,
  "stringValue" text,
  "sign" int2 NOT NULL,
  "value" numeric
);
CREATE INDEX "ScoreRollupDelta_projectId_hour_idx" ON "ScoreRollupDelta" ("projectId", "hour");

CREATE TABLE "ScoreRollup" (
  "projectId" text NOT NULL,
  "grain" text NOT NULL CHECK ("grain" IN ('hour', 'day')),
  "bucket" timestamp(3) NOT NULL,
  "environment" text NOT NULL,
  "name" text NOT NULL,
  "source" text NOT NULL,
  "dataType" text NOT NULL,
  "stringValue" text,
  "count" int8 NOT NULL,
  "valueN" int8 NOT NULL, "valueSum" numeric NOT NULL
);
CREATE UNIQUE INDEX "ScoreRollup_key" ON "ScoreRollup"
  ("projectId", "grain", "bucket", "environment", "name", "source", "dataType", "stringValue") NULLS NOT DISTINCT;

CREATE FUNCTION loupe_score_contribution(s "Score", sign int2) RETURNS SETOF "ScoreRollupDelta"
LANGUAGE sql STABLE AS $$
  SELECT s."projectId", date_trunc('hour', s."timestamp"), s."environment", s."name", s."source"::text, s."dataType"::text,
    s."stringValue", sign, s."value"::numeric
$$;

CREATE FUNCTION loupe_score_rollup_delta() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "ScoreRollupDelta" SELECT c.* FROM new_rows n, loupe_score_contribution(n, 1::int2) c;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO "ScoreRollupDelta" SELECT c.* FROM old_rows o, loupe_score_contribution(o, -1::int2) c;
  ELSE
    INSERT INTO "ScoreRollupDelta"
    SELECT c.* FROM old_rows o JOIN new_rows n ON n."projectId" = o."projectId" AND n."id" = o."id",
      LATERAL (SELECT * FROM loupe_score_contribution(o, -1::int2) UNION ALL SELECT * FROM loupe_score_contribution(n, 1::int2)) c
    WHERE (o."timestamp", o."environment", o."name", o."source", o."dataType", o."stringValue", o."value")
      IS DISTINCT FROM (n."timestamp", n."environment", n."name", n."source", n."dataType", n."stringValue", n."value");
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "Score_rollup_insert" AFTER INSERT ON "Score"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION loupe_score_rollup_delta();
CREATE TRIGGER "Score_rollup_update" AFTER UPDATE ON "Score"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION loupe_score_rollup_delta();
CREATE TRIGGER "Score_rollup_delete" AFTER DELETE ON "Score"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION loupe_score_rollup_delta();

-- Projects with scores from before these triggers: rebuilt by `npm run db:rollups:backfill`, read raw until then.
INSERT INTO "MetricRollupBackfill" ("projectId")
SELECT p."id" FROM "Project" p WHERE EXISTS (SELECT 1 FROM "Score" s WHERE s."projectId" = p."id")
ON CONFLICT ("projectId") DO NOTHING;
