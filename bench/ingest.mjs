#!/usr/bin/env node
// Ingestion benchmark: N events (traces, spans, generations with ~1 KB payloads) through
// POST /api/public/ingestion in batches, with C concurrent clients. Prints accepted events/s, request
// latency p50/p99, and how long until every event was merged by the worker (queryable).
//
//   node bench/ingest.mjs --url http://127.0.0.1:3000 --public-key pk-lf-… --secret-key sk-lf-… \
//     [--events 50000] [--batch 100] [--concurrency 8] [--database-url postgresql://…/loupe]
import { randomUUID } from "node:crypto";
import { parseArgs } from "node:util";
import pg from "pg";

const { values: args } = parseArgs({
  options: {
    url: { type: "string", default: "http://127.0.0.1:3000" },
    "public-key": { type: "string" },
    "secret-key": { type: "string" },
    events: { type: "string", default: "50000" },
    batch: { type: "string", default: "100" },
    concurrency: { type: "string", default: "8" },
    "database-url": { type: "string", default: process.env.DATABASE_URL || "postgresql://postgres@127.0.0.1:5432/loupe" },
  },
});
if (!args["public-key"] || !args["secret-key"]) {
  console.error("usage: node bench/ingest.mjs --public-key pk-lf-… --secret-key sk-lf-… [--url] [--events] [--batch] [--concurrency]");
  process.exit(2);
}
const total = Number(args.events);
const batchSize = Number(args.batch);
const concurrency = Number(args.concurrency);
const auth = `Basic ${Buffer.from(`${args["public-key"]}:${args["secret-key"]}`).toString("base64")}`;
const filler = "lorem ipsum dolor sit amet ".repeat(30); // ~800 bytes of text per payload

function makeEvents(n) {
  // One trace per 10 events: trace, root span, 4 generations, 4 child spans.
  const events = [];
  while (events.length < n) {
    const traceId = randomUUID();
    const root = randomUUID();
    const ts = new Date().toISOString();
    events.push({
      id: randomUUID(),
      type: "trace-create",
      timestamp: ts,
      body: { id: traceId, name: "bench", userId: "u1", input: { q: filler } },
    });
    events.push({
      id: randomUUID(),
      type: "span-create",
      timestamp: ts,
      body: { id: root, traceId, name: "root", startTime: ts, endTime: ts },
    });
    for (let i = 0; i < 4; i++) {
      events.push({
        id: randomUUID(),
        type: "generation-create",
        timestamp: ts,
        body: {
          id: randomUUID(),
          traceId,
          parentObservationId: root,
          name: `llm-${i}`,
          model: "gpt-4o-mini",
          input: filler,
          output: filler.slice(0, 200),
          usageDetails: { input: 500, output: 120 },
          startTime: ts,
          endTime: ts,
        },
      });
      events.push({
        id: randomUUID(),
        type: "span-create",
        timestamp: ts,
        body: { id: randomUUID(), traceId, parentObservationId: root, name: `step-${i}`, startTime: ts, endTime: ts },
      });
    }
  }
  return events.slice(0, n);
}

const events = makeEvents(total);
const batches = [];
for (let i = 0; i < events.length; i += batchSize) batches.push(events.slice(i, i + batchSize));

const db = new pg.Client({ connectionString: args["database-url"] });
await db.connect();
const latencies = [];
let accepted = 0;
let failedRequests = 0;
let firstError = null;
let next = 0;
const started = performance.now();
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    while (next < batches.length) {
      const batch = batches[next++];
      const t = performance.now();
      const res = await fetch(`${args.url}/api/public/ingestion`, {
        method: "POST",
        headers: { authorization: auth, "content-type": "application/json" },
        body: JSON.stringify({ batch }),
      });
      latencies.push(performance.now() - t);
      if (res.status !== 207) failedRequests++;
      else {
        const body = await res.json();
        accepted += body.successes.length;
        if (body.errors.length > 0 && !firstError) firstError = body.errors[0];
      }
    }
  }),
);
const acceptSeconds = (performance.now() - started) / 1000;

// Queryable = the worker has merged every stored batch.
for (;;) {
  const { rows } = await db.query(`SELECT count(*)::int AS n FROM "IngestionBatch" WHERE "processedAt" IS NULL`);
  if (rows[0].n === 0) break;
  await new Promise((r) => setTimeout(r, 50));
}
const allQueryableSeconds = (performance.now() - started) / 1000;
// Per batch: time from the durable write (answer) to merged-and-priced (queryable).
const { rows: lag } = await db.query(
  `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS p50, percentile_cont(0.95) WITHIN GROUP (ORDER BY ms) AS p95
   FROM (SELECT EXTRACT(EPOCH FROM ("processedAt" - "receivedAt")) * 1000 AS ms FROM "IngestionBatch" WHERE "receivedAt" >= $1) t`,
  [new Date(Date.now() - allQueryableSeconds * 1000 - 1000)],
);
await db.end();

latencies.sort((a, b) => a - b);
const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))].toFixed(1);
console.log(
  JSON.stringify(
    {
      events: total,
      batchSize,
      concurrency,
      accepted,
      failedRequests,
      firstError,
      acceptedEventsPerSecond: Math.round(accepted / acceptSeconds),
      requestLatencyMs: { p50: Number(pct(50)), p99: Number(pct(99)) },
      secondsToAccept: Number(acceptSeconds.toFixed(2)),
      secondsUntilAllQueryable: Number(allQueryableSeconds.toFixed(2)),
      ingestToQueryableMs: { p50: Math.round(lag[0].p50), p95: Math.round(lag[0].p95) },
    },
    null,
    2,
  ),
);
