#!/usr/bin/env node
// Traces/observations table query benchmark. Generates N traces with 10 observations each in a
// separate database (bench/lib/trace-dataset.mjs), then times the first page of the
// real repository functions (listTraces / listObservations from @loupe/db) with and without filters:
// p50/p95 over R runs after one warm-up.
//
//   node bench/traces-query.mjs [--traces 1000000] [--chunk 50000] [--runs 20] [--reuse]
//     [--database-url postgresql://postgres@127.0.0.1:5432/loupe_bench_traces] [--only lists|tables]
//
// --reuse keeps an existing bench database of the same size (generation takes minutes at 1M).
// --only tables runs only the table tools (filter suggestions, exports); --only lists the rest.
import { parseArgs } from "node:util";
import { PROJECT, traceDataset } from "./lib/trace-dataset.mjs";

const { values: args } = parseArgs({
  options: {
    traces: { type: "string", default: "1000000" },
    chunk: { type: "string", default: "50000" },
    runs: { type: "string", default: "20" },
    reuse: { type: "boolean", default: false },
    "database-url": { type: "string", default: "postgresql://postgres@127.0.0.1:5432/loupe_bench_traces" },
    only: { type: "string" },
  },
});
const N = Number(args.traces);
const CHUNK = Number(args.chunk);
const RUNS = Number(args.runs);
const url = args["database-url"];

// The table tools read no metric rollups: --only tables skips their backfill.
const { db } = await traceDataset({ url, traces: N, chunk: CHUNK, reuse: args.reuse, metricRollups: args.only !== "tables" });

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

if (args.only !== "tables") await listQueries();
if (args.only !== "lists") await tableTools();
await db.disconnectPrisma();

async function listQueries() {
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
}

// Filter suggestions and exports (issue 13, "Tables"): the real service functions, in this process.
async function tableTools() {
  const suggestions = await import("../packages/server/src/queries/filter-suggestions.ts");
  const exports = await import("../packages/server/src/queries/table-exports.ts");
  const { SUGGESTION_FIELDS, ZSessionExportQuery, ZUserExportQuery } = await import("../packages/contracts/src/index.ts");
  console.log("\nFilter suggestions: the bounded query (newest rows of the project) per field, uncached; then the service cold and warm\n");
  console.log("| query | rows | total | p50 | p95 |\n|---|---|---|---|---|");
  const asRows = (values) => ({ rows: values, total: values.length, totalIsLowerBound: false });
  const prefixes = {
    traceName: "ra",
    tags: "v",
    environment: "p",
    userId: "user-42",
    sessionId: "session-99",
    release: "r",
    version: "1",
    model: "gpt",
    observationName: "step",
    promptName: "sup",
  };
  for (const field of SUGGESTION_FIELDS)
    await measure(`suggest ${field} "${prefixes[field]}" (SQL, uncached)`, async () =>
      asRows(await db.suggestFilterValues(PROJECT, field, prefixes[field], 20)),
    );
  await measure("suggest userId (service, cold cache)", async () => {
    suggestions.clearFilterSuggestionCache();
    return asRows((await suggestions.suggestProjectFilterValues(PROJECT, { field: "userId", prefix: "user-42" })).values);
  });
  await measure("suggest traceName (service, cold cache)", async () => {
    suggestions.clearFilterSuggestionCache();
    return asRows((await suggestions.suggestProjectFilterValues(PROJECT, { field: "traceName", prefix: "ra" })).values);
  });
  await measure("suggest traceName (service, warm cache)", async () =>
    asRows((await suggestions.suggestProjectFilterValues(PROJECT, { field: "traceName", prefix: "ch" })).values),
  );

  console.log("\nExports: the whole file consumed as a client would, newest first in keyset pages of 1,000 rows\n");
  console.log("| export | rows | bytes | time | RSS before | peak RSS | peak heap |\n|---|---|---|---|---|---|---|");
  const query = (more) => ({ range: "all", order: "desc", sort: "timestamp", page: 1, limit: 50, ...more });
  // Exports are audited; the bench's are recorded as the system's.
  const audit = { actor: { type: "system" }, ip: null };
  for (const [label, run] of [
    ["traces, no filter, CSV (capped at 100,000)", () => exports.exportProjectTraces(PROJECT, query({ format: "csv" }), audit)],
    ["traces, no filter, JSONL (capped at 100,000)", () => exports.exportProjectTraces(PROJECT, query({ format: "jsonl" }), audit)],
    ["traces, name rag-query, CSV", () => exports.exportProjectTraces(PROJECT, query({ format: "csv", name: "rag-query" }), audit)],
    [
      "traces, has error + 7d, CSV",
      () => exports.exportProjectTraces(PROJECT, query({ format: "csv", minLevel: "ERROR", range: "7d" }), audit),
    ],
    [
      "generations, no filter, CSV (capped)",
      () => exports.exportProjectObservations(PROJECT, query({ format: "csv", type: "GENERATION" }), audit),
    ],
    // Parsed by the contracts, as the routes do, so the lists' defaults (sort, order, page) are filled in.
    [
      "sessions, 7d (the list's default), CSV",
      () => exports.exportProjectSessions(PROJECT, ZSessionExportQuery.parse({ format: "csv" }), audit),
    ],
    ["users, 7d (the list's default), CSV", () => exports.exportProjectUsers(PROJECT, ZUserExportQuery.parse({ format: "csv" }), audit)],
  ]) {
    global.gc?.();
    const before = process.memoryUsage();
    let peakRss = before.rss;
    let peakHeap = before.heapUsed;
    const sample = setInterval(() => {
      const m = process.memoryUsage();
      peakRss = Math.max(peakRss, m.rss);
      peakHeap = Math.max(peakHeap, m.heapUsed);
    }, 20);
    const t = performance.now();
    const file = await run();
    let bytes = 0;
    let lines = 0;
    for await (const chunk of file.body) {
      bytes += Buffer.byteLength(chunk);
      lines += chunk.split("\n").length - 1;
    }
    const ms = performance.now() - t;
    clearInterval(sample);
    const mb = (n) => `${(n / 1048576).toFixed(0)} MB`;
    const rows = label.includes("CSV") ? lines - 1 : lines;
    console.log(
      `| ${label} | ${rows.toLocaleString()} | ${mb(bytes)} | ${(ms / 1000).toFixed(2)} s | ${mb(before.rss)} | ${mb(peakRss)} | ${mb(peakHeap)} |`,
    );
  }
}
