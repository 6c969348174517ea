#!/usr/bin/env node
// Dashboard query benchmark: the home dashboard's panels as metrics queries (runMetricsQuery from
// @loupe/db, the compiler behind /api/public/metrics and the dashboards), over the last 30 days and
// the last 24 hours (hour-aligned, as the dashboards ask), plus a widget grouped by a metadata key
// over 7 days. Each query: one warm-up, then p50/p95 over R runs; "path" says what answered it: the
// rollups, the trace group totals (top users/sessions by cost) or raw rows. --raw forces the raw path for every query (the before picture).
//
//   node bench/dashboard-query.mjs [--traces 1000000] [--runs 20] [--reuse] [--raw] [--only <regex>]
//     [--metadata-keys feature,customer_tier]
//     [--database-url postgresql://postgres@127.0.0.1:5432/loupe_bench_traces]
import os from "node:os";
import { parseArgs } from "node:util";
import { PROJECT, traceDataset } from "./lib/trace-dataset.mjs";

const { values: args } = parseArgs({
  options: {
    traces: { type: "string", default: "1000000" },
    chunk: { type: "string", default: "50000" },
    runs: { type: "string", default: "20" },
    reuse: { type: "boolean", default: false },
    raw: { type: "boolean", default: false },
    only: { type: "string" },
    // Metadata keys to roll up before measuring (what saving a widget grouped by metadata.<key> does).
    "metadata-keys": { type: "string", default: "feature,customer_tier" },
    "database-url": { type: "string", default: "postgresql://postgres@127.0.0.1:5432/loupe_bench_traces" },
  },
});
const RUNS = Number(args.runs);
const { db, timings } = await traceDataset({
  url: args["database-url"],
  traces: Number(args.traces),
  chunk: Number(args.chunk),
  reuse: args.reuse,
});
if (Object.keys(timings).length > 0) console.log(timings);
if (!args.raw)
  for (const key of args["metadata-keys"].split(",").filter(Boolean)) {
    const started = Date.now();
    await db.enableMetadataRollup(PROJECT, key);
    console.log(`metadata key "${key}" rolled up in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }

const HOUR = 3_600_000;
const to = new Date(Math.ceil(Date.now() / HOUR) * HOUR);
const window = (hours) => ({ fromTimestamp: new Date(to.getTime() - hours * HOUR).toISOString(), toTimestamp: to.toISOString() });
const generations = [{ column: "type", type: "string", operator: "=", value: "GENERATION" }];
const time = { timeDimension: { granularity: "auto" }, config: { row_limit: 1000 } };
const count = { measure: "count", aggregation: "count" };
const ps = (measure) => ["p50", "p95", "p99"].map((aggregation) => ({ measure, aggregation }));

/** The home dashboard (issue 10), one metrics query per panel. */
const PANELS = {
  "traces over time": { view: "traces", metrics: [count], ...time },
  "observations over time": { view: "observations", metrics: [count], ...time },
  "cost over time by model": {
    view: "observations",
    dimensions: [{ field: "providedModelName" }],
    metrics: [{ measure: "totalCost", aggregation: "sum" }],
    ...time,
  },
  "input/output tokens over time": {
    view: "observations",
    metrics: [
      { measure: "inputTokens", aggregation: "sum" },
      { measure: "outputTokens", aggregation: "sum" },
    ],
    ...time,
  },
  "latency p50/p95/p99 by trace name": { view: "traces", dimensions: [{ field: "name" }], metrics: ps("latency") },
  "latency p50/p95/p99 by model": {
    view: "observations",
    dimensions: [{ field: "providedModelName" }],
    metrics: ps("latency"),
    filters: generations,
  },
  "time to first token by model": {
    view: "observations",
    dimensions: [{ field: "providedModelName" }],
    metrics: ps("timeToFirstToken"),
    filters: generations,
  },
  "error rate over time": { view: "observations", metrics: [{ measure: "error", aggregation: "avg" }], ...time },
  "score averages over time": {
    view: "scores-numeric",
    dimensions: [{ field: "name" }],
    metrics: [{ measure: "value", aggregation: "avg" }],
    ...time,
  },
  "categorical score distribution": {
    view: "scores-categorical",
    dimensions: [{ field: "name" }, { field: "stringValue" }],
    metrics: [count],
  },
  "top users by cost": {
    view: "traces",
    dimensions: [{ field: "userId" }],
    metrics: [{ measure: "totalCost", aggregation: "sum" }],
    // As the home panel asks (packages/domain/src/dashboards/home-panels.ts).
    filters: [{ type: "null", column: "userId", operator: "is not null" }],
    orderBy: [{ field: "sum_totalCost", direction: "desc" }],
    config: { row_limit: 10 },
  },
  "top sessions by cost": {
    view: "traces",
    dimensions: [{ field: "sessionId" }],
    metrics: [{ measure: "totalCost", aggregation: "sum" }],
    // As the home panel asks (packages/domain/src/dashboards/home-panels.ts).
    filters: [{ type: "null", column: "sessionId", operator: "is not null" }],
    orderBy: [{ field: "sum_totalCost", direction: "desc" }],
    config: { row_limit: 10 },
  },
  "top tags by cost": {
    view: "traces",
    dimensions: [{ field: "tag" }],
    metrics: [{ measure: "totalCost", aggregation: "sum" }],
    orderBy: [{ field: "sum_totalCost", direction: "desc" }],
    config: { row_limit: 10 },
  },
  "model mix (requests, cost)": {
    view: "observations",
    dimensions: [{ field: "providedModelName" }],
    metrics: [count, { measure: "totalCost", aggregation: "sum" }],
    filters: generations,
  },
  "tool usage by name × hour of day": {
    view: "observations",
    dimensions: [{ field: "name" }, { field: "hourOfDay" }],
    metrics: [count, { measure: "error", aggregation: "avg" }],
    filters: [{ column: "type", type: "string", operator: "=", value: "TOOL" }],
  },
  "tokens per request": { view: "observations", metrics: [{ measure: "totalTokens", aggregation: "avg" }], filters: generations, ...time },
  "cost per day (month projection)": {
    view: "observations",
    metrics: [{ measure: "totalCost", aggregation: "sum" }],
    timeDimension: { granularity: "day" },
  },
};
const WIDGETS_7D = {
  "widget: cost by metadata.feature (7 d)": {
    view: "observations",
    dimensions: [{ field: "metadata.feature" }],
    metrics: [count, { measure: "totalCost", aggregation: "sum" }],
    filters: generations,
  },
  "widget: requests by metadata.customer_tier × day (7 d)": {
    view: "observations",
    dimensions: [{ field: "metadata.customer_tier" }],
    metrics: [count],
    filters: generations,
    timeDimension: { granularity: "day" },
    config: { row_limit: 1000 },
  },
};

const { ZMetricsQuery } = await import("../packages/contracts/src/index.ts");
const { answerFromRollups } = await import("../packages/db/src/analytics/rollups/plan.ts");
const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

async function measure(label, hours, raw) {
  const query = ZMetricsQuery.parse({ ...raw, ...window(hours) });
  const path = args.raw
    ? "raw"
    : ((await answerFromRollups(PROJECT, query, query.timeDimension ? db.granularityFor(query) : null).catch(() => null))?.source ?? "raw");
  const run = () => db.runMetricsQuery(PROJECT, query, { version: 1, rollups: !args.raw });
  const rows = (await run()).length; // warm-up
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await run();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  console.log(
    `| ${label} | ${hours === 720 ? "30 d" : hours === 24 ? "24 h" : `${hours / 24} d`} | ${rows} | ${path} | ${percentile(times, 50).toFixed(1)} ms | ${percentile(times, 95).toFixed(1)} ms |`,
  );
}

console.log(
  `\nload average ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(" / ")}, ${os.cpus().length} CPUs; ${RUNS} runs per query${args.raw ? "; raw rows only" : ""}\n`,
);
console.log("| panel | range | rows | path | p50 | p95 |\n|---|---|---|---|---|---|");
const only = args.only ? new RegExp(args.only) : null;
for (const hours of [720, 24])
  for (const [label, query] of Object.entries(PANELS)) if (!only || only.test(label)) await measure(label, hours, query);
for (const [label, query] of Object.entries(WIDGETS_7D)) if (!only || only.test(label)) await measure(label, 168, query);
console.log(
  `\nload average after: ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(" / ")}`,
);
await db.disconnectPrisma();
