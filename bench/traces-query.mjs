#!/usr/bin/env node
// Traces/observations table query benchmark. Generates N traces with 10 observations each in a
// separate database (bench/lib/trace-dataset.mjs), then times the first page of the
// real repository functions (listTraces / listObservations from @loupe/db) with and without filters:
// p50/p95 over R runs after one warm-up.
//
//   node bench/traces-query.mjs [--traces 1000000] [--chunk 50000] [--runs 20] [--reuse]
//     [--database-url postgresql://postgres@127.0.0.1:5432/loupe_bench_traces]
//
// --reuse keeps an existing bench database of the same size (generation takes minutes at 1M).
import { parseArgs } from "node:util";
import { PROJECT, traceDataset } from "./lib/trace-dataset.mjs";

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

const { db } = await traceDataset({ url, traces: N, chunk: CHUNK, reuse: args.reuse });

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
const week = () => ({ from: new Date(Date.now() - 7 * 86_400_000) });
await measure("sessions, newest first (all time)", sessions({}));
await measure("sessions, newest first, 7d (the list's default)", sessions({ filter: week() }));
await measure("sessions, newest first, 24h", sessions({ filter: day() }));
await measure("sessions, sort by cost (all time)", sessions({ sort: "cost" }));
await measure("sessions, 24h, sort by duration", sessions({ sort: "duration", filter: day() }));
await measure("sessions, search id 'session-42'", sessions({ filter: { search: "session-42" } }));
await measure("sessions, userId", sessions({ filter: { userId: "user-42" } }));
await measure("sessions, has error + 24h", sessions({ filter: { minLevel: "ERROR", ...day() } }));
await measure("users, newest first (all time)", users({}));
await measure("users, newest first, 7d (the list's default)", users({ filter: week() }));
await measure("users, newest first, 24h", users({ filter: day() }));
await measure("users, sort by cost, 24h", users({ sort: "cost", filter: day() }));
await db.disconnectPrisma();
