#!/usr/bin/env node
// Ingestion benchmark: N events (traces, spans, generations with ~1 KB payloads) in batches, with C
// concurrent clients, through POST /api/public/ingestion (--transport rest) or OTLP
// (/api/public/otel/v1/traces, --transport otlp-proto or otlp-json; one event = one span, serialised
// by OpenTelemetry's own OTLP serialisers). Prints accepted events/s, request latency p50/p99, and
// how long until every event was merged by the worker (queryable).
//
//   node bench/ingest.mjs --url http://127.0.0.1:3000 --public-key pk-lf-… --secret-key sk-lf-… \
//     [--transport rest] [--events 50000] [--batch 100] [--concurrency 8] [--rate 5000] [--database-url postgresql://…/loupe]
import { parseArgs } from "node:util";
import { context, trace } from "@opentelemetry/api";
import { JsonTraceSerializer, ProtobufTraceSerializer } from "@opentelemetry/otlp-transformer";
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base";
import pg from "pg";
import { filler, makeEvents } from "./lib/events.mjs";

const { values: args } = parseArgs({
  options: {
    url: { type: "string", default: "http://127.0.0.1:3000" },
    transport: { type: "string", default: "rest" },
    "public-key": { type: "string" },
    "secret-key": { type: "string" },
    events: { type: "string", default: "50000" },
    batch: { type: "string", default: "100" },
    concurrency: { type: "string", default: "8" },
    // Offered load in events/s (0 = as fast as the clients go): time-to-queryable is only meaningful
    // at a rate the worker is meant to sustain, not while the clients flood it.
    rate: { type: "string", default: "0" },
    "database-url": { type: "string", default: process.env.DATABASE_URL || "postgresql://postgres@127.0.0.1:5432/loupe" },
  },
});
if (!args["public-key"] || !args["secret-key"]) {
  console.error("usage: node bench/ingest.mjs --public-key pk-lf-… --secret-key sk-lf-… [--url] [--events] [--batch] [--concurrency]");
  process.exit(2);
}
const TRANSPORTS = ["rest", "otlp-proto", "otlp-json"];
if (!TRANSPORTS.includes(args.transport)) {
  console.error(`--transport must be one of ${TRANSPORTS.join(", ")}`);
  process.exit(2);
}
const total = Number(args.events);
const batchSize = Number(args.batch);
const concurrency = Number(args.concurrency);
const rate = Number(args.rate);
const auth = `Basic ${Buffer.from(`${args["public-key"]}:${args["secret-key"]}`).toString("base64")}`;
/** The same mix as OpenTelemetry spans: per trace a root span, 4 gen_ai chat spans and 4 child spans. */
function makeSpans(n) {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const tracer = provider.getTracer("loupe-bench");
  let made = 0;
  while (made < n) {
    const root = tracer.startSpan("root", {
      attributes: { "langfuse.trace.name": "bench", "user.id": "u1", "langfuse.trace.input": filler },
    });
    const ctx = trace.setSpan(context.active(), root);
    for (let i = 0; i < 4; i++) {
      tracer
        .startSpan(
          `llm-${i}`,
          {
            attributes: {
              "gen_ai.operation.name": "chat",
              "gen_ai.request.model": "gpt-4o-mini",
              "gen_ai.usage.input_tokens": 500,
              "gen_ai.usage.output_tokens": 120,
              "gen_ai.input.messages": JSON.stringify([{ role: "user", content: filler }]),
              "gen_ai.output.messages": JSON.stringify([{ role: "assistant", content: filler.slice(0, 200) }]),
            },
          },
          ctx,
        )
        .end();
      tracer.startSpan(`step-${i}`, {}, ctx).end();
    }
    root.end();
    made += 9;
  }
  return exporter.getFinishedSpans().slice(0, n);
}

/** Request bodies of `batchSize` events each, with what the server must answer. */
function makeRequests() {
  if (args.transport === "rest") {
    const events = makeEvents(total);
    const requests = [];
    for (let i = 0; i < events.length; i += batchSize) {
      const batch = events.slice(i, i + batchSize);
      requests.push({
        path: "/api/public/ingestion",
        contentType: "application/json",
        body: JSON.stringify({ batch }),
        events: batch.length,
      });
    }
    return requests;
  }
  const spans = makeSpans(total);
  const proto = args.transport === "otlp-proto";
  const requests = [];
  for (let i = 0; i < spans.length; i += batchSize) {
    const chunk = spans.slice(i, i + batchSize);
    requests.push({
      path: "/api/public/otel/v1/traces",
      contentType: proto ? "application/x-protobuf" : "application/json",
      body: (proto ? ProtobufTraceSerializer : JsonTraceSerializer).serializeRequest(chunk),
      events: chunk.length,
    });
  }
  return requests;
}

const requests = makeRequests();

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
    while (next < requests.length) {
      const index = next++;
      const request = requests[index];
      if (rate > 0) {
        // Request i is due when the events before it have been offered at `rate`.
        const dueAt = started + ((index * batchSize) / rate) * 1000;
        const wait = dueAt - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      }
      const t = performance.now();
      const res = await fetch(`${args.url}${request.path}`, {
        method: "POST",
        headers: { authorization: auth, "content-type": request.contentType },
        body: request.body,
      });
      latencies.push(performance.now() - t);
      if (res.status !== 207 && res.status !== 200) {
        failedRequests++;
        if (!firstError) firstError = { status: res.status, body: await res.text() };
      } else if (request.path.endsWith("/ingestion")) {
        const body = await res.json();
        accepted += body.successes.length;
        if (body.errors.length > 0 && !firstError) firstError = body.errors[0];
      } else {
        // OTLP answers 200 with an optional partialSuccess counting rejected spans (read for JSON;
        // the protobuf answer is not decoded here, and the queryable check below counts what was stored).
        const json = request.contentType === "application/json";
        const rejected = json ? Number((await res.json().catch(() => ({}))).partialSuccess?.rejectedSpans ?? 0) : 0;
        if (!json) await res.arrayBuffer();
        accepted += request.events - rejected;
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
      transport: args.transport,
      offeredRate: rate || "unlimited",
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
