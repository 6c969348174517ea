// The benchmarks' data set (bench/traces-query.mjs, bench/dashboard-query.mjs): N traces over the
// last 30 days in one project, 10 observations each (1 agent, 6 spans, 3 generations over 4 models),
// 5,000 users, sessions of 10 traces, 5 names, 2 environments, 1 % of traces with an ERROR observation
// and 5 % with a WARNING; generations carry metadata (feature × customer tier), every trace a numeric
// "quality" score and every other trace a categorical "sentiment" score. Generated in SQL
// (INSERT … SELECT generate_series, in chunks) into a database named loupe_bench*, then each trace's
// observation rollup (refreshTraceRollups) and the metric rollups (backfillMetricRollups).
import pg from "pg";
import { register } from "tsx/esm/api";

export const PROJECT = "bench-project";

/**
 * Migrates `url`, (re)generates the data set unless `reuse` finds one of the same size, and returns @loupe/db bound to it.
 * `metricRollups: false` skips the dashboards' rollup backfill (minutes at 1M) for benches that do not read them.
 */
export async function traceDataset({ url, traces: N, chunk: CHUNK = 50_000, reuse = false, metricRollups = true }) {
  const dbName = new URL(url).pathname.slice(1);
  if (!/^loupe_bench[a-z0-9_]*$/.test(dbName))
    throw new Error(`refusing to use database "${dbName}": bench databases are named loupe_bench*`);
  const { deployMigrations, ensureDatabase } = await import("../../packages/db/scripts/migrations.mjs");
  await ensureDatabase(url);
  await deployMigrations(url);

  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const existing = Number((await client.query(`SELECT count(*) FROM "Trace" WHERE "projectId" = $1`, [PROJECT])).rows[0].count);
  const generate = !(reuse && existing === N);
  const timings = {};
  if (generate) {
    console.log(`Generating ${N.toLocaleString()} traces and ${(N * 10).toLocaleString()} observations in ${dbName}…`);
    for (const table of ["Score", "Observation", "Trace"]) await client.query(`DELETE FROM "${table}" WHERE "projectId" = $1`, [PROJECT]);
    await client.query("SET synchronous_commit = off");
    // A bulk load: no rollup triggers row by row; the backfill below builds the rollups from the rows.
    await client.query("SET session_replication_role = replica");
    const started = Date.now();
    for (let from = 1; from <= N; from += CHUNK) {
      const to = Math.min(N, from + CHUNK - 1);
      await client.query(
        `INSERT INTO "Trace" ("projectId", "id", "name", "timestamp", "userId", "sessionId", "input", "output", "tags",
           "release", "version", "environment", "metadata", "updatedAt")
         SELECT $1, 'trace-' || g, (ARRAY['chat','rag-query','summarize','classify','agent-run'])[1 + g % 5],
           now() - (g * (30 * 86400.0 / $4)) * interval '1 second', 'user-' || (g % 5000), 'session-' || (g / 10),
           jsonb_build_object('question', 'question number ' || g || ' about order ' || (g::bigint * 7919 % 100000)),
           jsonb_build_object('answer', 'answer ' || g), ARRAY['production', 'v' || (g % 3)],
           'r' || (g % 4), '1.' || (g % 2), CASE WHEN g % 10 = 0 THEN 'staging' ELSE 'production' END,
           jsonb_build_object('customer_tier', (ARRAY['free','pro','enterprise'])[1 + g % 3]), now()
         FROM generate_series($2::int, $3::int) g`,
        [PROJECT, from, to, N],
      );
      await client.query(
        `INSERT INTO "Observation" ("projectId", "id", "traceId", "parentObservationId", "type", "name", "startTime", "endTime",
           "completionStartTime", "level", "environment", "model", "promptName", "promptVersion", "inputTokens", "outputTokens",
           "totalTokens", "totalCost", "metadata", "costComputedAt", "updatedAt")
         SELECT $1, 'obs-' || g || '-' || k, 'trace-' || g, CASE WHEN k = 0 THEN NULL ELSE 'obs-' || g || '-0' END,
           CASE WHEN k IN (2, 5, 8) THEN 'GENERATION' WHEN k = 0 THEN 'AGENT' WHEN k = 7 THEN 'TOOL' ELSE 'SPAN' END,
           'step-' || k, ts + k * interval '100 milliseconds', ts + k * interval '100 milliseconds' + (g % 900 + 50) * interval '1 millisecond',
           CASE WHEN k IN (2, 5, 8) THEN ts + k * interval '100 milliseconds' + (20 + g % 300) * interval '1 millisecond' END,
           CASE WHEN k = 5 AND g % 100 = 0 THEN 'ERROR' WHEN k = 6 AND g % 20 = 0 THEN 'WARNING' ELSE 'DEFAULT' END,
           'production',
           CASE WHEN k IN (2, 5, 8) THEN (ARRAY['gpt-4o','gpt-4o-mini','claude-sonnet-4','llama-3-70b'])[1 + (g + k) % 4] END,
           CASE WHEN k = 2 THEN 'support-prompt' END, CASE WHEN k = 2 THEN 1 + g % 3 END,
           CASE WHEN k IN (2, 5, 8) THEN 100 + g % 1000 END, CASE WHEN k IN (2, 5, 8) THEN 20 + g % 200 END,
           CASE WHEN k IN (2, 5, 8) THEN 120 + g % 1000 + g % 200 END,
           CASE WHEN k IN (2, 5, 8) THEN ((g % 1000) * 0.00001)::numeric(20, 12) END,
           CASE WHEN k IN (2, 5, 8) THEN jsonb_build_object('feature', 'feature-' || (g % 12), 'customer_tier', (ARRAY['free','pro','enterprise'])[1 + g % 3])
             ELSE '{}'::jsonb END,
           now(), now()
         FROM (SELECT g, now() - (g * (30 * 86400.0 / $4)) * interval '1 second' AS ts FROM generate_series($2::int, $3::int) g) t,
           generate_series(0, 9) k`,
        [PROJECT, from, to, N],
      );
      await client.query(
        `INSERT INTO "Score" ("projectId", "id", "name", "value", "stringValue", "dataType", "source", "traceId", "environment", "timestamp", "updatedAt")
         SELECT $1, 'score-' || g || '-' || k, CASE k WHEN 0 THEN 'quality' ELSE 'sentiment' END,
           CASE k WHEN 0 THEN (g % 100) / 100.0 END, CASE k WHEN 1 THEN (ARRAY['positive','neutral','negative'])[1 + g % 3] END,
           (CASE k WHEN 0 THEN 'NUMERIC' ELSE 'CATEGORICAL' END)::"ScoreDataType", (CASE WHEN g % 3 = 0 THEN 'EVAL' ELSE 'API' END)::"ScoreSource",
           'trace-' || g, 'production', now() - (g * (30 * 86400.0 / $4)) * interval '1 second' + interval '2 seconds', now()
         FROM generate_series($2::int, $3::int) g, generate_series(0, 1) k WHERE k = 0 OR g % 2 = 0`,
        [PROJECT, from, to, N],
      );
      const s = (Date.now() - started) / 1000;
      console.log(
        `  ${to.toLocaleString()} / ${N.toLocaleString()} traces (${s.toFixed(0)} s, ${Math.round(to / s).toLocaleString()} traces/s)`,
      );
    }
    await client.query("SET session_replication_role = DEFAULT");
    timings.generateSeconds = (Date.now() - started) / 1000;
    console.log("VACUUM ANALYZE…");
    for (const table of ["Trace", "Observation", "Score"]) await client.query(`VACUUM ANALYZE "${table}"`);
    console.log(`Generated in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  } else {
    console.log(`Reusing ${existing.toLocaleString()} traces in ${dbName}`);
  }
  await client.end();

  // The real repository functions, through tsx (packages export TypeScript source).
  process.env.DATABASE_URL = url;
  process.env.DATABASE_POOL_SIZE = "4";
  register();
  const db = await import("../../packages/db/src/index.ts");
  if (generate) {
    // The worker keeps each trace's rollup (count, latency, cost, tokens, level) in its merge; generated
    // rows get it from the same repository function.
    const started = Date.now();
    for (let from = 1; from <= N; from += CHUNK) {
      const ids = Array.from({ length: Math.min(CHUNK, N - from + 1) }, (_, i) => `trace-${from + i}`);
      // Triggers off for this bulk update too: the rollup backfill below rebuilds from the rows, so the
      // deltas it would append (2 per trace for each trace rollup, 8 for the user/session/tag one) are waste.
      await db.prisma.$transaction(
        async (tx) => {
          await tx.$executeRawUnsafe("SET LOCAL session_replication_role = replica");
          await db.refreshTraceRollups(tx, PROJECT, ids);
        },
        { timeout: 30 * 60_000 },
      );
    }
    await db.prisma.$executeRawUnsafe(`VACUUM ANALYZE "Trace"`);
    timings.traceRollupSeconds = (Date.now() - started) / 1000;
    console.log(`Trace rollups in ${timings.traceRollupSeconds.toFixed(0)} s`);
  }
  // Generated rows bypassed the rollup triggers (and the bench project has no "Project" row, so the
  // migrations do not list it for a backfill): rebuild when generated, listed, or never built.
  const [built] = await db.prisma.$queryRawUnsafe(
    `SELECT EXISTS (SELECT 1 FROM "ObservationRollup" WHERE "projectId" = $1) AS metrics,
       EXISTS (SELECT 1 FROM "TraceGroupRollup" WHERE "projectId" = $1) AS groups`,
    PROJECT,
  );
  if (metricRollups && (generate || !built.metrics || (await db.projectsAwaitingRollupBackfill()).includes(PROJECT))) {
    const started = Date.now();
    await db.backfillMetricRollups(PROJECT);
    timings.metricRollupBackfillSeconds = (Date.now() - started) / 1000;
    console.log(`Metric rollups (backfill) in ${timings.metricRollupBackfillSeconds.toFixed(0)} s`);
  } else if (metricRollups && !built.groups) {
    // A data set generated before migration trace_group_rollups (--reuse): build that rollup alone.
    const { TRACE_GROUP_ROLLUP } = await import("../../packages/db/src/analytics/rollups/definitions.ts");
    const started = Date.now();
    await db.backfillMetricRollups(PROJECT, [TRACE_GROUP_ROLLUP]);
    timings.traceGroupRollupBackfillSeconds = (Date.now() - started) / 1000;
    console.log(`Trace group rollup (backfill) in ${timings.traceGroupRollupBackfillSeconds.toFixed(0)} s`);
  }
  if (metricRollups) {
    // Statistics of the freshly built rollup tables: without them (autovacuum off, or not yet run) the
    // planner takes the tables for empty and sorts 200k group rows on disk (docs/performance.md, stop 10).
    for (const table of [
      "ObservationRollup",
      "ObservationRollupHistogram",
      "TraceRollup",
      "TraceRollupHistogram",
      "ScoreRollup",
      "TraceGroupRollup",
      "TraceGroupTotal",
      "ObservationMetadataRollup",
    ])
      await db.prisma.$executeRawUnsafe(`ANALYZE "${table}"`);
  }
  return { db, generated: generate, timings };
}
