#!/usr/bin/env node
// Traces/observations table query benchmark. Generates N traces with 10 observations each in a
// separate database (INSERT … SELECT generate_series, in chunks), then times the first page of the
// real repository functions (listTraces / listObservations from @loupe/db) with and without filters:
// p50/p95 over R runs after one warm-up.
//
//   node bench/traces-query.mjs [--traces 1000000] [--chunk 50000] [--runs 20] [--reuse]
//     [--database-url postgresql://postgres@127.0.0.1:5432/loupe_bench_traces]
//
// --reuse keeps an existing bench database of the same size (generation takes minutes at 1M).
import { parseArgs } from "node:util";
import pg from "pg";
import { register } from "tsx/esm/api";

const { values: args } = parseArgs({
  options: {
    traces: { type: "string", default: "1000000" },
    chunk: { type: "string", default: "50000" },
    runs: { type: "string", default: "20" },
    reuse: { type: "boolean", default: false },
    "database-url": { type: "string", default: "postgresql://postgres@127.0.0.1:5432/loupe_bench_traces" },
  },
});
const N = Number(args.traces);
const CHUNK = Number(args.chunk);
const RUNS = Number(args.runs);
const url = args["database-url"];
const PROJECT = "bench-project";
const dbName = new URL(url).pathname.slice(1);
if (!/^loupe_bench[a-z0-9_]*$/.test(dbName))
  throw new Error(`refusing to use database "${dbName}": bench databases are named loupe_bench*`);

const { deployMigrations, ensureDatabase } = await import("../packages/db/scripts/migrations.mjs");
await ensureDatabase(url);
await deployMigrations(url);

const client = new pg.Client({ connectionString: url });
await client.connect();
const existing = Number((await client.query(`SELECT count(*) FROM "Trace" WHERE "projectId" = $1`, [PROJECT])).rows[0].count);

const generate = !(args.reuse && existing === N);
if (generate) {
  console.log(`Generating ${N.toLocaleString()} traces and ${(N * 10).toLocaleString()} observations in ${dbName}…`);
  await client.query(`DELETE FROM "Observation" WHERE "projectId" = $1`, [PROJECT]);
  await client.query(`DELETE FROM "Trace" WHERE "projectId" = $1`, [PROJECT]);
  await client.query("SET synchronous_commit = off");
  const started = Date.now();
  // Traces spread over the last 30 days (newest first by id), 5,000 users, sessions of 10 traces,
  // 1 % of traces contain an ERROR observation, 3 generations per trace over 4 models.
  for (let from = 1; from <= N; from += CHUNK) {
    const to = Math.min(N, from + CHUNK - 1);
    await client.query(
      `INSERT INTO "Trace" ("projectId", "id", "name", "timestamp", "userId", "sessionId", "input", "output", "tags",
         "release", "version", "environment", "updatedAt")
       SELECT $1, 'trace-' || g, (ARRAY['chat','rag-query','summarize','classify','agent-run'])[1 + g % 5],
         now() - (g * (30 * 86400.0 / $4)) * interval '1 second', 'user-' || (g % 5000), 'session-' || (g / 10),
         jsonb_build_object('question', 'question number ' || g || ' about order ' || (g::bigint * 7919 % 100000)),
         jsonb_build_object('answer', 'answer ' || g), ARRAY['production', 'v' || (g % 3)],
         'r' || (g % 4), '1.' || (g % 2), CASE WHEN g % 10 = 0 THEN 'staging' ELSE 'production' END, now()
       FROM generate_series($2::int, $3::int) g`,
      [PROJECT, from, to, N],
    );
    await client.query(
      `INSERT INTO "Observation" ("projectId", "id", "traceId", "parentObservationId", "type", "name", "startTime", "endTime",
         "completionStartTime", "level", "environment", "model", "promptName", "promptVersion", "inputTokens", "outputTokens",
         "totalTokens", "totalCost", "costComputedAt", "updatedAt")
       SELECT $1, 'obs-' || g || '-' || k, 'trace-' || g, CASE WHEN k = 0 THEN NULL ELSE 'obs-' || g || '-0' END,
         CASE WHEN k IN (2, 5, 8) THEN 'GENERATION' WHEN k = 0 THEN 'AGENT' ELSE 'SPAN' END,
         'step-' || k, ts + k * interval '100 milliseconds', ts + k * interval '100 milliseconds' + (g % 900 + 50) * interval '1 millisecond',
         CASE WHEN k IN (2, 5, 8) THEN ts + k * interval '100 milliseconds' + interval '30 milliseconds' END,
         CASE WHEN k = 5 AND g % 100 = 0 THEN 'ERROR' WHEN k = 6 AND g % 20 = 0 THEN 'WARNING' ELSE 'DEFAULT' END,
         'production',
         CASE WHEN k IN (2, 5, 8) THEN (ARRAY['gpt-4o','gpt-4o-mini','claude-sonnet-4','llama-3-70b'])[1 + (g + k) % 4] END,
         CASE WHEN k = 2 THEN 'support-prompt' END, CASE WHEN k = 2 THEN 1 + g % 3 END,
         CASE WHEN k IN (2, 5, 8) THEN 100 + g % 1000 END, CASE WHEN k IN (2, 5, 8) THEN 20 + g % 200 END,
         CASE WHEN k IN (2, 5, 8) THEN 120 + g % 1000 + g % 200 END,
         CASE WHEN k IN (2, 5, 8) THEN ((g % 1000) * 0.00001)::numeric(20, 12) END, now(), now()
       FROM (SELECT g, now() - (g * (30 * 86400.0 / $4)) * interval '1 second' AS ts FROM generate_series($2::int, $3::int) g) t,
         generate_series(0, 9) k`,
      [PROJECT, from, to, N],
    );
    const s = (Date.now() - started) / 1000;
    console.log(
      `  ${to.toLocaleString()} / ${N.toLocaleString()} traces (${s.toFixed(0)} s, ${Math.round(to / s).toLocaleString()} traces/s)`,
    );
  }
  console.log("VACUUM ANALYZE…");
  await client.query(`VACUUM ANALYZE "Trace"`);
  await client.query(`VACUUM ANALYZE "Observation"`);
  console.log(`Generated in ${((Date.now() - started) / 1000).toFixed(0)} s`);
} else {
  console.log(`Reusing ${existing.toLocaleString()} traces in ${dbName}`);
}
await client.end();

// The real repository functions, through tsx (packages export TypeScript source).
process.env.DATABASE_URL = url;
process.env.DATABASE_POOL_SIZE = "4";
register();
const db = await import("../packages/db/src/index.ts");
if (generate) {
  // The worker keeps each trace's rollup (count, latency, cost, tokens, level) in its merge; generated
  // rows get it from the same repository function.
  const started = Date.now();
  for (let from = 1; from <= N; from += CHUNK) {
    const ids = Array.from({ length: Math.min(CHUNK, N - from + 1) }, (_, i) => `trace-${from + i}`);
    await db.refreshTraceRollups(db.prisma, PROJECT, ids);
  }
  await db.prisma.$executeRawUnsafe(`VACUUM ANALYZE "Trace"`);
  console.log(`Trace rollups in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
async function measure(label, fn) {
  await fn(); // warm-up
  const times = [];
  let rows = 0;
  let total = "";
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    const result = await fn();
    times.push(performance.now() - t);
    rows = result.rows.length;
    // Lists count at most LIST_COUNT_CAP matches ("10,000+").
    total = `${result.total.toLocaleString()}${result.totalIsLowerBound ? "+" : ""}`;
  }
  times.sort((a, b) => a - b);
  const row = { query: label, rows, total, p50: percentile(times, 50).toFixed(1), p95: percentile(times, 95).toFixed(1) };
  console.log(`| ${row.query} | ${row.rows} | ${row.total} | ${row.p50} ms | ${row.p95} ms |`);
  return row;
}

const page = { projectId: PROJECT, limit: 50, offset: 0 };
const traces = (filter) => () => db.listTraces({ ...page, ...filter });
const observations = (filter) => () => db.listObservations({ ...page, type: "GENERATION", ...filter });
console.log(`\n${N.toLocaleString()} traces, ${(N * 10).toLocaleString()} observations; first page of 50, ${RUNS} runs\n`);
console.log("| query | rows | total | p50 | p95 |\n|---|---|---|---|---|");
await measure("traces, no filter (all time)", traces({}));
await measure("traces, time range 24h", traces({ range: "24h" }));
await measure("traces, userId", traces({ userId: "user-42" }));
await measure("traces, name", traces({ name: "rag-query" }));
await measure("traces, has error (min level ERROR)", traces({ minLevel: "ERROR" }));
await measure("traces, has error + 24h", traces({ minLevel: "ERROR", range: "24h" }));
await measure("traces, model gpt-4o + 24h", traces({ model: "gpt-4o", range: "24h" }));
await measure("traces, model gpt-4o (all time)", traces({ model: "gpt-4o" }));
await measure("traces, search 'order 4242' + 24h", traces({ search: "order 4242", range: "24h" }));
await measure("traces, sort by cost + 24h", traces({ range: "24h", sort: "cost", order: "desc" }));
await measure("observations (generations), no filter", observations({}));
await measure("observations, model + 24h", observations({ model: "gpt-4o", range: "24h" }));
// The public API's reads (GET /api/public/traces, /observations): the page alone (the route counts
// separately and exactly), newest first by default.
const include = { io: false, metrics: true, observations: false, scores: false };
const publicTraces = (filter) => async () => ({
  rows: await db.findTraces({ projectId: PROJECT, filter, limit: 50, offset: 0, include }),
  total: 0,
});
const publicObservations = (filter) => async () => ({
  rows: await db.findObservations({ projectId: PROJECT, filter, limit: 50, offset: 0 }),
  total: 0,
});
await measure("public traces page, default order (timestamp desc)", publicTraces({}));
await measure("public traces page, userId", publicTraces({ userId: "user-42" }));
await measure("public observations page, no filter", publicObservations({}));
await measure("public observations page, type GENERATION", publicObservations({ type: "GENERATION" }));
// The sessions and users lists: groups of traces aggregated from the trace rollup (trace-groups.ts).
const day = () => ({ from: new Date(Date.now() - 86_400_000) });
const sessions = (input) => () => db.listSessions({ ...page, ...input });
const users = (input) => () => db.listTraceUsers({ ...page, ...input });
await measure("sessions, newest first (all time)", sessions({}));
await measure("sessions, sort by cost (all time)", sessions({ sort: "cost" }));
await measure("sessions, 24h, sort by duration", sessions({ sort: "duration", filter: day() }));
await measure("sessions, search id 'session-42'", sessions({ filter: { search: "session-42" } }));
await measure("sessions, userId", sessions({ filter: { userId: "user-42" } }));
await measure("sessions, has error + 24h", sessions({ filter: { minLevel: "ERROR", ...day() } }));
await measure("users, newest first (all time)", users({}));
await measure("users, sort by cost, 24h", users({ sort: "cost", filter: day() }));
await db.disconnectPrisma();
